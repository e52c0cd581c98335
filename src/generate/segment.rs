//! The three customer segments and how big their numbers are.
//!
//! A customer's size is one number in [0, 1] (its place within its segment);
//! every scale below is read at that place with a little jitter, so a big SMB
//! customer has both more storage and a higher implementation cost, as real
//! accounts do.

use rand::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    Smb,
    MidMarket,
    Enterprise,
}

/// A range read on a logarithmic scale: sizes of accounts spread over orders
/// of magnitude, so the middle of 50–500 GB is ~160 GB, not 275 GB.
#[derive(Clone, Copy, Debug)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

const fn r(low: f64, high: f64) -> Range {
    Range { low, high }
}

impl Range {
    /// The value at `place` in [0, 1], log-interpolated.
    pub fn at(self, place: f64) -> f64 {
        self.low * (self.high / self.low).powf(place.clamp(0.0, 1.0))
    }
}

/// Baseline scales of one segment (per month where it is a flow).
#[derive(Clone, Copy, Debug)]
pub struct Scales {
    pub storage_gb: Range,
    pub api_calls: Range,
    pub infrastructure_cost: Range,
    pub implementation_cost: Range,
    pub mrr: Range,
    pub licensed_users: Range,
    pub support_tickets: Range,
    pub features_available: u32,
}

impl Segment {
    /// The segment of a new customer: ~60 % SMB, ~30 % mid-market, ~10 % enterprise.
    pub fn draw(rng: &mut impl Rng) -> Segment {
        match rng.random_range(0..100) {
            0..60 => Segment::Smb,
            60..90 => Segment::MidMarket,
            _ => Segment::Enterprise,
        }
    }

    /// The word written to the `segment` column.
    pub fn label(self) -> &'static str {
        match self {
            Segment::Smb => "SMB",
            Segment::MidMarket => "Mid-Market",
            Segment::Enterprise => "Enterprise",
        }
    }

    pub fn scales(self) -> &'static Scales {
        match self {
            Segment::Smb => &SMB,
            Segment::MidMarket => &MID_MARKET,
            Segment::Enterprise => &ENTERPRISE,
        }
    }
}

const SMB: Scales = Scales {
    storage_gb: r(50.0, 500.0),
    api_calls: r(5_000.0, 50_000.0),
    infrastructure_cost: r(300.0, 2_000.0),
    implementation_cost: r(1_000.0, 5_000.0),
    mrr: r(200.0, 2_000.0),
    licensed_users: r(5.0, 50.0),
    support_tickets: r(2.0, 12.0),
    features_available: 12,
};

const MID_MARKET: Scales = Scales {
    storage_gb: r(500.0, 3_000.0),
    api_calls: r(50_000.0, 500_000.0),
    infrastructure_cost: r(2_000.0, 20_000.0),
    implementation_cost: r(5_000.0, 50_000.0),
    mrr: r(2_000.0, 20_000.0),
    licensed_users: r(50.0, 500.0),
    support_tickets: r(8.0, 40.0),
    features_available: 20,
};

const ENTERPRISE: Scales = Scales {
    storage_gb: r(1_000.0, 20_000.0),
    api_calls: r(500_000.0, 5_000_000.0),
    infrastructure_cost: r(20_000.0, 80_000.0),
    implementation_cost: r(50_000.0, 200_000.0),
    mrr: r(20_000.0, 100_000.0),
    licensed_users: r(500.0, 5_000.0),
    support_tickets: r(30.0, 150.0),
    features_available: 32,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_log_interpolated() {
        let range = r(50.0, 500.0);
        assert!((range.at(0.0) - 50.0).abs() < 1e-9);
        assert!((range.at(1.0) - 500.0).abs() < 1e-9);
        // 50 × 10^0.5 = 158.11…
        assert!((range.at(0.5) - 50.0 * 10f64.sqrt()).abs() < 1e-9);
        // Out-of-range places are clamped, never extrapolated.
        assert!((range.at(1.7) - 500.0).abs() < 1e-9);
    }
}
