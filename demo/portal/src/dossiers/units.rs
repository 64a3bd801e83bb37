//! Receiving units (one-stop desks) of the demo dossiers.
//!
//! NOTE: the electronic ids follow the usual `aaa.bb.cc.Xnn` shape with the
//! national portal's province codes (H26 Hà Nội, H29 TP Hồ Chí Minh, H32 Khánh
//! Hòa, H56 Thanh Hóa), but the lower groups are made up for the demo.

use dvc_core::model::Level;

/// A one-stop desk that receives dossiers and issues their codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReceivingUnit {
    /// Electronic id, the first part of every dossier code the unit issues.
    pub id: &'static str,
    pub name: &'static str,
    /// Level of the procedures this desk receives.
    pub level: Level,
}

pub const RECEIVING_UNITS: [ReceivingUnit; 9] = [
    ReceivingUnit {
        id: "000.00.00.G01",
        name: "Bộ phận Một cửa Bộ Công an",
        level: Level::Ministry,
    },
    ReceivingUnit {
        id: "000.00.00.G15",
        name: "Bộ phận Tiếp nhận và Trả kết quả cấp bộ",
        level: Level::Ministry,
    },
    ReceivingUnit {
        id: "000.00.00.H26",
        name: "Trung tâm Phục vụ hành chính công Thành phố Hà Nội",
        level: Level::Province,
    },
    ReceivingUnit {
        id: "000.00.00.H29",
        name: "Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh",
        level: Level::Province,
    },
    ReceivingUnit {
        id: "000.00.00.H56",
        name: "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa",
        level: Level::Province,
    },
    ReceivingUnit {
        id: "000.21.26.H26",
        name: "Bộ phận Một cửa UBND phường Hoàn Kiếm",
        level: Level::Commune,
    },
    ReceivingUnit {
        id: "000.33.29.H29",
        name: "Bộ phận Một cửa UBND phường Sài Gòn",
        level: Level::Commune,
    },
    ReceivingUnit {
        id: "000.40.32.H32",
        name: "Bộ phận Một cửa UBND phường Nha Trang",
        level: Level::Commune,
    },
    ReceivingUnit {
        id: "000.17.22.H56",
        name: "Bộ phận Một cửa UBND phường Hạc Thành",
        level: Level::Commune,
    },
];

/// Returns the desks that receive procedures of `level`; district and other
/// levels go to the provincial centres, where they are received today.
pub fn units_for(level: Option<Level>) -> Vec<&'static ReceivingUnit> {
    let desk_level = match level {
        Some(Level::Ministry) => Level::Ministry,
        Some(Level::Commune) => Level::Commune,
        _ => Level::Province,
    };
    RECEIVING_UNITS
        .iter()
        .filter(|unit| unit.level == desk_level)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dvc_core::dossier_code::looks_usual;

    #[test]
    fn every_level_has_units() {
        for level in Level::ALL {
            assert!(!units_for(Some(level)).is_empty(), "{level:?}");
        }
        assert!(!units_for(None).is_empty());
    }

    #[test]
    fn ids_make_usual_codes() {
        for unit in RECEIVING_UNITS {
            assert!(
                looks_usual(&format!("{}-261120-0003", unit.id)),
                "{}",
                unit.id
            );
        }
    }
}
