//! Limits on dossier lookups, so the 4-digit verifier cannot be guessed by brute force.
//!
//! Two independent limits apply to `POST /dossiers/lookup`:
//! - per client: a token bucket per IP address that every attempt drains,
//!   whatever code it names, so varying the code does not help;
//! - per dossier code: after a number of failed attempts in a window the code
//!   is locked, so many clients together cannot work through one code's
//!   verifiers. Unknown codes count like known ones, so a lock reveals nothing.
//!
//! Both tables are bounded. A full client table sends new clients to one shared
//! bucket, and a full code table counts failures of untracked codes together.
//! Under a flood of fresh addresses these shared entries trip early, which
//! fails safe.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Settings of the lookup limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupLimits {
    /// Attempts per client per minute, also the burst size; 0 disables the limit.
    pub per_client_per_minute: u32,
    /// Failed attempts per dossier code within `failure_window`; 0 disables the lock.
    pub failures_per_code: u32,
    pub failure_window: Duration,
    /// Entries kept in each table before new keys share one entry.
    pub max_tracked: usize,
}

impl Default for LookupLimits {
    fn default() -> LookupLimits {
        LookupLimits {
            per_client_per_minute: 20,
            failures_per_code: 10,
            failure_window: Duration::from_secs(15 * 60),
            max_tracked: 100_000,
        }
    }
}

/// Reason a lookup is rejected, with the time to wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The client used up its attempts.
    ClientLimit { retry_after: Duration },
    /// The dossier code had too many failed attempts.
    CodeLocked { retry_after: Duration },
}

/// Clients are grouped by IPv4 address or by IPv6 /64 network, because one
/// IPv6 host usually controls a whole /64 and could rotate through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum ClientKey {
    V4(u32),
    V6Prefix(u64),
    /// Shared by every client that arrives while the table is full.
    Overflow,
}

impl ClientKey {
    fn of(ip: IpAddr) -> ClientKey {
        match ip {
            IpAddr::V4(v4) => ClientKey::V4(u32::from(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey::V4(u32::from(v4)),
                None => ClientKey::V6Prefix((u128::from(v6) >> 64) as u64),
            },
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

#[derive(Clone, Copy, Debug)]
struct FailureWindow {
    count: u32,
    started: Instant,
}

/// Key of the code table entry shared by codes that arrive while it is full.
const OVERFLOW_CODE_KEY: u64 = 0;

/// Minimum time between two sweeps of a full table, so a flood of new keys
/// does not turn every request into a full scan.
const SWEEP_INTERVAL: Duration = Duration::from_secs(1);

/// Lookup limiter shared by all requests.
pub struct LookupLimiter {
    limits: LookupLimits,
    clients: Mutex<Table<ClientKey, Bucket>>,
    codes: Mutex<Table<u64, FailureWindow>>,
    /// Codes are kept as keyed hashes, so the table contains no dossier codes.
    code_hasher: RandomState,
}

struct Table<K, V> {
    entries: HashMap<K, V>,
    last_sweep: Option<Instant>,
}

impl<K, V> Default for Table<K, V> {
    fn default() -> Self {
        Table {
            entries: HashMap::new(),
            last_sweep: None,
        }
    }
}

impl<K, V> Table<K, V> {
    /// Returns true when the sweep interval has passed since the last sweep.
    fn sweep_due(&mut self, now: Instant) -> bool {
        let due = self
            .last_sweep
            .is_none_or(|last| now.saturating_duration_since(last) >= SWEEP_INTERVAL);
        if due {
            self.last_sweep = Some(now);
        }
        due
    }
}

impl LookupLimiter {
    pub fn new(limits: LookupLimits) -> LookupLimiter {
        LookupLimiter {
            limits,
            clients: Mutex::default(),
            codes: Mutex::default(),
            code_hasher: RandomState::new(),
        }
    }

    pub fn limits(&self) -> &LookupLimits {
        &self.limits
    }

    /// Counts one attempt by `client`, and rejects it when the client has none left.
    pub fn check_client(&self, client: IpAddr, now: Instant) -> Result<(), Rejection> {
        let capacity = f64::from(self.limits.per_client_per_minute);
        if capacity == 0.0 {
            return Ok(());
        }
        let per_second = capacity / 60.0;

        let mut table = lock(&self.clients);
        let mut key = ClientKey::of(client);
        if !table.entries.contains_key(&key) && table.entries.len() >= self.limits.max_tracked {
            if table.sweep_due(now) {
                // A bucket that has refilled completely carries no information.
                table
                    .entries
                    .retain(|_, bucket| refilled(bucket, now, per_second, capacity) < capacity);
            }
            if table.entries.len() >= self.limits.max_tracked {
                key = ClientKey::Overflow;
            }
        }

        let bucket = table.entries.entry(key).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        bucket.tokens = refilled(bucket, now, per_second, capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / per_second;
            Err(Rejection::ClientLimit {
                retry_after: Duration::from_secs_f64(wait),
            })
        }
    }

    /// Rejects a lookup of `code` while the code is locked after failed attempts.
    pub fn check_code(&self, code: &str, now: Instant) -> Result<(), Rejection> {
        let limit = self.limits.failures_per_code;
        if limit == 0 {
            return Ok(());
        }
        let window = self.limits.failure_window;

        let table = lock(&self.codes);
        let key = self.code_key(code);
        let entry = table
            .entries
            .get(&key)
            .or_else(|| table.entries.get(&OVERFLOW_CODE_KEY));
        match entry {
            Some(failures) if failures.count >= limit => {
                let elapsed = now.saturating_duration_since(failures.started);
                match window.checked_sub(elapsed) {
                    Some(rest) if !rest.is_zero() => {
                        Err(Rejection::CodeLocked { retry_after: rest })
                    }
                    _ => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }

    /// Records a failed lookup of `code` (unknown code or wrong verifier).
    pub fn record_failure(&self, code: &str, now: Instant) {
        if self.limits.failures_per_code == 0 {
            return;
        }
        let window = self.limits.failure_window;

        let mut table = lock(&self.codes);
        let mut key = self.code_key(code);
        if !table.entries.contains_key(&key) && table.entries.len() >= self.limits.max_tracked {
            if table.sweep_due(now) {
                table
                    .entries
                    .retain(|_, failures| now.saturating_duration_since(failures.started) < window);
            }
            if table.entries.len() >= self.limits.max_tracked {
                key = OVERFLOW_CODE_KEY;
            }
        }

        let failures = table.entries.entry(key).or_insert(FailureWindow {
            count: 0,
            started: now,
        });
        if now.saturating_duration_since(failures.started) >= window {
            *failures = FailureWindow {
                count: 0,
                started: now,
            };
        }
        failures.count = failures.count.saturating_add(1);
    }

    /// Returns the number of entries in the client and code tables.
    pub fn tracked(&self) -> (usize, usize) {
        (
            lock(&self.clients).entries.len(),
            lock(&self.codes).entries.len(),
        )
    }

    fn code_key(&self, code: &str) -> u64 {
        // Zero is reserved for the overflow entry.
        self.code_hasher.hash_one(code).max(1)
    }
}

fn refilled(bucket: &Bucket, now: Instant, per_second: f64, capacity: f64) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
    (bucket.tokens + elapsed * per_second).min(capacity)
}

/// Locks a table, ignoring poisoning. A panic in another request cannot leave
/// a table in a state that matters here, because every entry is self-contained.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn limiter(per_minute: u32, failures: u32, max_tracked: usize) -> LookupLimiter {
        LookupLimiter::new(LookupLimits {
            per_client_per_minute: per_minute,
            failures_per_code: failures,
            failure_window: Duration::from_secs(900),
            max_tracked,
        })
    }

    fn v4(last: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(192, 0, 2, last))
    }

    #[test]
    fn client_burst_then_refused() {
        let limiter = limiter(3, 0, 100);
        let now = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check_client(v4(1), now), Ok(()));
        }
        match limiter.check_client(v4(1), now) {
            Err(Rejection::ClientLimit { retry_after }) => {
                assert!(retry_after > Duration::from_secs(19), "{retry_after:?}");
                assert!(retry_after <= Duration::from_secs(20), "{retry_after:?}");
            }
            other => panic!("expected a rejection, got {other:?}"),
        }
        assert_eq!(limiter.check_client(v4(2), now), Ok(()));
    }

    #[test]
    fn client_refills_over_time() {
        let limiter = limiter(3, 0, 100);
        let start = Instant::now();
        for _ in 0..3 {
            limiter.check_client(v4(1), start).unwrap();
        }
        assert!(limiter.check_client(v4(1), start).is_err());
        let later = start + Duration::from_secs(20);
        assert_eq!(limiter.check_client(v4(1), later), Ok(()));
        assert!(limiter.check_client(v4(1), later).is_err());
    }

    #[test]
    fn ipv6_grouped_by_prefix() {
        let limiter = limiter(2, 0, 100);
        let now = Instant::now();
        let a = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 0, 0, 0, 1));
        let b = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 0xffff, 0, 0, 9));
        let other_net = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 3, 0, 0, 0, 1));
        limiter.check_client(a, now).unwrap();
        limiter.check_client(b, now).unwrap();
        assert!(limiter.check_client(a, now).is_err());
        assert!(limiter.check_client(other_net, now).is_ok());
    }

    #[test]
    fn mapped_ipv4_same_as_ipv4() {
        let limiter = limiter(1, 0, 100);
        let now = Instant::now();
        limiter.check_client(v4(7), now).unwrap();
        let mapped = IpAddr::V6(Ipv4Addr::new(192, 0, 2, 7).to_ipv6_mapped());
        assert!(limiter.check_client(mapped, now).is_err());
    }

    #[test]
    fn full_client_table_shares_overflow() {
        let limiter = limiter(2, 0, 3);
        let now = Instant::now();
        for last in 1..=3 {
            limiter.check_client(v4(last), now).unwrap();
        }
        // The table is full of clients with used tokens, so newcomers share one bucket.
        limiter.check_client(v4(10), now).unwrap();
        limiter.check_client(v4(11), now).unwrap();
        assert!(limiter.check_client(v4(12), now).is_err());
        assert!(limiter.tracked().0 <= 4);

        // Once the old buckets have refilled, a sweep makes room again.
        let later = now + Duration::from_secs(120);
        assert!(limiter.check_client(v4(13), later).is_ok());
        assert!(limiter.tracked().0 <= 4);
    }

    #[test]
    fn zero_disables_limits() {
        let limiter = limiter(0, 0, 1);
        let now = Instant::now();
        for _ in 0..1000 {
            assert!(limiter.check_client(v4(1), now).is_ok());
            limiter.record_failure("X-1", now);
        }
        assert!(limiter.check_code("X-1", now).is_ok());
        assert_eq!(limiter.tracked(), (0, 0));
    }

    #[test]
    fn code_locked_after_failures() {
        let limiter = limiter(0, 3, 100);
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check_code("A-1", start).is_ok());
            limiter.record_failure("A-1", start);
        }
        match limiter.check_code("A-1", start + Duration::from_secs(60)) {
            Err(Rejection::CodeLocked { retry_after }) => {
                assert_eq!(retry_after, Duration::from_secs(840));
            }
            other => panic!("expected a lock, got {other:?}"),
        }
        assert!(limiter.check_code("B-2", start).is_ok());
        assert!(limiter
            .check_code("A-1", start + Duration::from_secs(900))
            .is_ok());
    }

    #[test]
    fn failure_window_restarts() {
        let limiter = limiter(0, 2, 100);
        let start = Instant::now();
        limiter.record_failure("A-1", start);
        let later = start + Duration::from_secs(901);
        limiter.record_failure("A-1", later);
        assert!(limiter.check_code("A-1", later).is_ok());
        limiter.record_failure("A-1", later);
        assert!(limiter.check_code("A-1", later).is_err());
    }

    #[test]
    fn full_code_table_counts_together() {
        let limiter = limiter(0, 2, 2);
        let now = Instant::now();
        limiter.record_failure("A-1", now);
        limiter.record_failure("B-2", now);
        limiter.record_failure("C-3", now);
        limiter.record_failure("D-4", now);
        assert!(limiter.check_code("E-5", now).is_err());
        assert!(limiter.tracked().1 <= 3);
    }
}
