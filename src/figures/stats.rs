//! Statistics (statrs): mean, median, t interval, NPS and its margin.
//!
//! Every sum runs in input order, so the same values in the same order give
//! bit-identical results whatever the thread count of the caller.

use statrs::distribution::{ContinuousCDF, StudentsT};
use statrs::statistics::{Data, Median, Statistics};

/// Arithmetic mean (Σ in input order / n); None for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: f64 = values.iter().sum();
    finite(sum / values.len() as f64)
}

/// Median (mean of the two middle values for an even count); None for no
/// values. The input is left as it is: statrs sorts its own copy.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    // `Median` on `Data` clones before selecting; our slice is never touched.
    finite(Data::new(values.to_vec()).median())
}

/// The p-quantile of Student's t distribution with `df` degrees of freedom;
/// None when df ≤ 0 (statrs refuses those).
pub fn t_quantile(p: f64, df: f64) -> Option<f64> {
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    finite(t.inverse_cdf(p))
}

/// A two-sided 95 % interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The t-based 95 % confidence interval of the mean:
/// mean ± t(0.975, n − 1) × s / √n, s the sample standard deviation.
/// None for fewer than 2 values (no spread to estimate).
pub fn mean_ci95(values: &[f64]) -> Option<Interval> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let m = mean(values)?;
    // statrs: sample (n − 1) variance, one pass in input order.
    let s = values.iter().std_dev();
    let t = t_quantile(0.975, (n - 1) as f64)?;
    let half = t * s / (n as f64).sqrt();
    Some(Interval {
        low: finite(m - half)?,
        high: finite(m + half)?,
    })
}

/// Share of values ≥ `threshold`, × 100; None for no values.
pub fn share_at_least_pct(values: &[f64], threshold: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let hits = values.iter().filter(|v| **v >= threshold).count();
    finite(hits as f64 / values.len() as f64 * 100.0)
}

/// Where an answer to "how likely are you to recommend us" (0–10) falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NpsCategory {
    /// 9–10.
    Promoter,
    /// 7–8 (and anything strictly between 6 and 9).
    Passive,
    /// 0–6.
    Detractor,
}

impl NpsCategory {
    pub fn of(score: f64) -> NpsCategory {
        if score >= 9.0 {
            NpsCategory::Promoter
        } else if score <= 6.0 {
            NpsCategory::Detractor
        } else {
            NpsCategory::Passive
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            NpsCategory::Promoter => "promoter",
            NpsCategory::Passive => "passive",
            NpsCategory::Detractor => "detractor",
        }
    }
}

/// Counts of NPS answers; the score and margin follow from the counts, so
/// tallies of parts can be added up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NpsTally {
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
}

impl NpsTally {
    pub fn of(scores: &[f64]) -> NpsTally {
        let mut t = NpsTally::default();
        scores.iter().for_each(|s| t.add(*s));
        t
    }

    pub fn add(&mut self, score: f64) {
        match NpsCategory::of(score) {
            NpsCategory::Promoter => self.promoters += 1,
            NpsCategory::Passive => self.passives += 1,
            NpsCategory::Detractor => self.detractors += 1,
        }
    }

    pub fn responses(&self) -> u64 {
        self.promoters + self.passives + self.detractors
    }

    /// (p − d) × 100 with p, d the promoter and detractor shares; None
    /// without responses.
    pub fn score(&self) -> Option<f64> {
        let (p, d, _) = self.shares()?;
        finite((p - d) * 100.0)
    }

    /// 1.96 × 100 × √((p + d − (p − d)²) / n): the normal-approximation 95 %
    /// margin of the score. None without responses.
    pub fn margin95(&self) -> Option<f64> {
        let (p, d, n) = self.shares()?;
        // p + d ≥ (p − d)² always; max(0) only guards rounding.
        let variance = (p + d - (p - d).powi(2)).max(0.0);
        finite(1.96 * 100.0 * (variance / n).sqrt())
    }

    fn shares(&self) -> Option<(f64, f64, f64)> {
        let n = self.responses();
        if n == 0 {
            return None;
        }
        let n = n as f64;
        Some((self.promoters as f64 / n, self.detractors as f64 / n, n))
    }
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn mean_and_median() {
        assert_eq!(mean(&[]), None);
        // (1 + 2 + 6) / 3 = 3
        assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[6.0, 1.0, 2.0]), Some(2.0));
        // Even count: (2 + 6) / 2 = 4.
        let values = [10.0, 2.0, 6.0, 1.0];
        assert_eq!(median(&values), Some(4.0));
        assert_eq!(values, [10.0, 2.0, 6.0, 1.0], "input left unsorted");
    }

    #[test]
    fn t_quantiles_match_tables() {
        // Published two-sided 95 % critical values.
        assert!(close(
            t_quantile(0.975, 2.0).unwrap(),
            4.302652729911275,
            1e-9
        ));
        assert!(close(
            t_quantile(0.975, 4.0).unwrap(),
            2.7764451051977987,
            1e-9
        ));
        assert!(close(
            t_quantile(0.975, 1.0).unwrap(),
            12.706204736174698,
            1e-9
        ));
        assert_eq!(t_quantile(0.975, 0.0), None);
    }

    #[test]
    fn ci_of_the_mean() {
        assert_eq!(mean_ci95(&[]), None);
        assert_eq!(mean_ci95(&[5.0]), None, "n = 1: no spread");
        // 0, 50, 100: mean 50; s² = (2500 + 0 + 2500) / 2 = 2500, s = 50;
        // half width = 4.302652729911275 × 50 / √3 = 124.2068...
        let ci = mean_ci95(&[0.0, 50.0, 100.0]).unwrap();
        let half = 4.302652729911275 * 50.0 / 3f64.sqrt();
        assert!(close(ci.low, 50.0 - half, 1e-9) && close(ci.high, 50.0 + half, 1e-9));
        // 1..=5: mean 3, s² = (4+1+0+1+4)/4 = 2.5; half = 2.776445105 × √2.5 / √5
        // = 2.776445105 × √0.5 = 1.963243...
        let ci = mean_ci95(&[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        let half = 2.7764451051977987 * 0.5f64.sqrt();
        assert!(close(ci.low, 3.0 - half, 1e-9) && close(ci.high, 3.0 + half, 1e-9));
        // No spread: the interval is the mean itself.
        let ci = mean_ci95(&[7.0, 7.0]).unwrap();
        assert_eq!((ci.low, ci.high), (7.0, 7.0));
    }

    #[test]
    fn csat_share() {
        assert_eq!(share_at_least_pct(&[], 4.0), None);
        // 4 and 5 count, 3 does not: 2 / 3 × 100.
        assert!(close(
            share_at_least_pct(&[3.0, 4.0, 5.0], 4.0).unwrap(),
            200.0 / 3.0,
            1e-12
        ));
    }

    #[test]
    fn nps_and_margin() {
        assert_eq!(NpsTally::default().score(), None);
        assert_eq!(NpsTally::default().margin95(), None);
        // 10, 9 promoters; 8, 7 passives; 6, 0 detractors... with 4 promoters:
        // 9, 10, 9, 10, 7, 8, 6, 0 → p = 4/8 = 0.5, d = 2/8 = 0.25.
        let t = NpsTally::of(&[9.0, 10.0, 9.0, 10.0, 7.0, 8.0, 6.0, 0.0]);
        assert_eq!((t.promoters, t.passives, t.detractors), (4, 2, 2));
        assert_eq!(t.responses(), 8);
        // NPS = (0.5 − 0.25) × 100 = 25.
        assert!(close(t.score().unwrap(), 25.0, 1e-12));
        // margin = 196 × √((0.75 − 0.0625) / 8) = 196 × √0.0859375
        //        = 196 × 0.29315098... = 57.4575...
        assert!(close(
            t.margin95().unwrap(),
            196.0 * 0.0859375f64.sqrt(),
            1e-12
        ));
        // All promoters: NPS 100, margin 0 (p + d − (p − d)² = 1 − 1).
        let t = NpsTally::of(&[9.0, 10.0]);
        assert_eq!(t.score(), Some(100.0));
        assert_eq!(t.margin95(), Some(0.0));
        assert_eq!(NpsCategory::of(6.0), NpsCategory::Detractor);
        assert_eq!(NpsCategory::of(7.0), NpsCategory::Passive);
        assert_eq!(NpsCategory::of(8.5), NpsCategory::Passive);
        assert_eq!(NpsCategory::of(9.0), NpsCategory::Promoter);
    }
}
