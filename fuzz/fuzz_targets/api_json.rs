//! Portal API bodies from arbitrary JSON, as the widgets receive them: any
//! bytes deserialise or fail with an error, and what deserialises survives a
//! round trip through JSON, unchanged unless it holds floating-point numbers.

#![no_main]

use dvc_core::api::{ErrorBody, Health, NameCountList, ProcedureSearchResponse};
use dvc_core::model::{DossierStatus, Procedure};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;

fuzz_target!(|bytes: &[u8]| {
    round_trip::<DossierStatus>(bytes);
    round_trip::<ProcedureSearchResponse>(bytes);
    round_trip::<NameCountList>(bytes);
    round_trip::<ErrorBody>(bytes);
    round_trip::<Health>(bytes);

    // A procedure's processing times are `f64`. Without its `float_roundtrip`
    // feature, serde_json parses floats with best-effort precision, so a
    // printed value may read back one bit off: only the reading is checked.
    if let Ok(procedure) = serde_json::from_slice::<Procedure>(bytes) {
        let json =
            serde_json::to_vec(&procedure).unwrap_or_else(|error| panic!("serialising: {error}"));
        if let Err(error) = serde_json::from_slice::<Procedure>(&json) {
            panic!("reading back: {error}");
        }
    }
});

fn round_trip<T>(bytes: &[u8])
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(bytes) else {
        return;
    };
    let json = serde_json::to_vec(&value).unwrap_or_else(|error| panic!("serialising: {error}"));
    let again: T =
        serde_json::from_slice(&json).unwrap_or_else(|error| panic!("reading back: {error}"));
    assert_eq!(again, value);
}
