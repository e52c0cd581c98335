//! Cell formats shared by every sheet: one `Format` per kind of value, made
//! once per workbook and reused for every cell (SPEC 4: money, percent, date
//! formats; bold headers).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use crate::portfolio::Metric;

/// What a column holds, which decides its number format, how a value is
/// stored (percent points become fractions) and how wide it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text, always written as a string (never a formula or a number).
    Text,
    /// Long text (reasons, meanings), wrapped within its column.
    Prose,
    /// Whole numbers: customers, responses, calls, tickets, days.
    Count,
    /// Measurements with decimals: GB, milliseconds.
    Number,
    /// Dollars with cents.
    Money,
    /// Dollars without cents, for portfolio totals.
    MoneyWhole,
    /// Percent points (12.5 = 12.5 %), stored as the fraction 0.125.
    Percent,
    /// A ratio, months or an average score: two decimals.
    Ratio,
    /// An improvement factor such as latency ×: two decimals and a × sign.
    Times,
    /// An NPS score (−100..100) or its margin: one decimal.
    Score,
    /// A calendar date, written as a real Excel date.
    Date,
    /// A number shown as given (assumption values), no rounding.
    General,
}

impl Kind {
    /// How an input column's values are shown.
    pub fn of_metric(m: Metric) -> Kind {
        match m {
            Metric::ImplementationCost
            | Metric::InfrastructureCost
            | Metric::Mrr
            | Metric::ExpansionRevenue => Kind::Money,
            Metric::StorageGb | Metric::LatencyMs => Kind::Number,
            Metric::AccuracyPct | Metric::ErrorRatePct => Kind::Percent,
            Metric::ApiCalls
            | Metric::SupportTickets
            | Metric::ActiveUsers
            | Metric::LicensedUsers
            | Metric::FeaturesUsed
            | Metric::FeaturesAvailable
            | Metric::Referrals => Kind::Count,
            // Scores as answered (0–10, 1–5, 1–7), without rounding.
            Metric::Nps | Metric::Csat | Metric::Ces => Kind::General,
        }
    }

    /// Percent points are stored as fractions so Excel's `%` format shows
    /// them right and formulas on them work.
    pub fn stored(self, v: f64) -> f64 {
        match self {
            Kind::Percent => v / 100.0,
            _ => v,
        }
    }

    /// Characters the shown value takes, estimated from its size: cheap
    /// enough to run on every cell of a million-row sheet.
    pub fn shown_width(self, v: f64) -> usize {
        let sign = usize::from(v < 0.0);
        let a = v.abs();
        let int_digits = |x: f64| -> usize {
            let x = x.round();
            if x < 10.0 {
                1
            } else {
                x.log10().floor() as usize + 1
            }
        };
        let grouped = |x: f64| {
            let d = int_digits(x);
            d + (d - 1) / 3
        };
        sign + match self {
            Kind::Text | Kind::Prose | Kind::General => int_digits(a) + 5,
            Kind::Count => grouped(a),
            Kind::Number => grouped(a) + 3,
            Kind::Money => grouped(a) + 4,
            Kind::MoneyWhole => grouped(a) + 1,
            Kind::Percent => grouped(a) + 3,
            Kind::Ratio => grouped(a) + 3,
            Kind::Times => grouped(a) + 4,
            Kind::Score => grouped(a) + 2,
            Kind::Date => 10,
        }
    }
}

/// The formats of one workbook.
pub struct Formats {
    pub header: Format,
    pub title: Format,
    pub bold: Format,
    pub note: Format,
    count: Format,
    number: Format,
    money: Format,
    money_whole: Format,
    percent: Format,
    ratio: Format,
    times: Format,
    score: Format,
    date: Format,
    prose: Format,
    plain: Format,
}

impl Formats {
    pub fn new() -> Self {
        let num = |f: &str| Format::new().set_num_format(f);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border_bottom(FormatBorder::Thin),
            title: Format::new().set_bold().set_font_size(16),
            bold: Format::new().set_bold(),
            note: Format::new().set_italic(),
            count: num("#,##0"),
            number: num("#,##0.00"),
            money: num("$#,##0.00"),
            money_whole: num("$#,##0"),
            percent: num("0.0%"),
            ratio: num("0.00"),
            times: num("0.00\"×\""),
            score: num("0.0"),
            date: num("yyyy-mm-dd"),
            prose: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            plain: Format::new(),
        }
    }

    /// Give every format its workbook index, always in this order, before
    /// any sheet is written (see `build`).
    pub fn register(&self, wb: &mut rust_xlsxwriter::Workbook) {
        for f in [
            &self.header,
            &self.title,
            &self.bold,
            &self.note,
            &self.count,
            &self.number,
            &self.money,
            &self.money_whole,
            &self.percent,
            &self.ratio,
            &self.times,
            &self.score,
            &self.date,
            &self.prose,
        ] {
            wb.register_format(f);
        }
    }

    /// The format of a kind; text and general numbers use the default.
    pub fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Text | Kind::General => &self.plain,
            Kind::Count => &self.count,
            Kind::Number => &self.number,
            Kind::Money => &self.money,
            Kind::MoneyWhole => &self.money_whole,
            Kind::Percent => &self.percent,
            Kind::Ratio => &self.ratio,
            Kind::Times => &self.times,
            Kind::Score => &self.score,
            Kind::Date => &self.date,
            Kind::Prose => &self.prose,
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Formats::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_points_are_stored_as_fractions() {
        assert_eq!(Kind::Percent.stored(12.5), 0.125);
        assert_eq!(Kind::Money.stored(12.5), 12.5);
    }

    #[test]
    fn shown_width_counts_digits_separators_and_decorations() {
        // "$1,234,567.89" is 13 characters.
        assert_eq!(Kind::Money.shown_width(1_234_567.89), 13);
        // "-$5.00" is 6.
        assert_eq!(Kind::Money.shown_width(-5.0), 6);
        // "12.5%" stored as 0.125 is shown as 5 characters; widths are taken
        // from the points before storing.
        assert_eq!(Kind::Percent.shown_width(12.5), 5);
        // "1,000" is 5.
        assert_eq!(Kind::Count.shown_width(1000.0), 5);
        assert_eq!(Kind::Count.shown_width(999.0), 3);
        assert_eq!(Kind::Date.shown_width(45000.0), 10);
    }
}
