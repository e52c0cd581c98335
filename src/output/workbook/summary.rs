//! The Summary sheet (SPEC 4.1): a title, the run line, the headline figures
//! of the latest complete quarter and month, and three native charts drawn
//! from the Monthly and Quarterly sheets.

use rust_xlsxwriter::{
    Chart, ChartAxisLabelPosition, ChartErrorBars, ChartErrorBarsType, ChartLegendPosition,
    ChartMarker, ChartMarkerType, ChartRange, Workbook, Worksheet,
};

use super::columns::{Column, Layout, Pages, SheetWriter};
use super::formats::{Formats, Kind};
use super::periods::{self, Sheet, field};
use super::{EXCEL_MAX_ROWS, ReportData, WorkbookError};
use crate::figures::periods::{Period, PeriodFigures};

/// The figures shown for the latest quarter and month, in reading order.
const HEADLINES: [&str; 22] = [
    "Active customers",
    "New customers",
    "Churned customers",
    "Logo retention %",
    "Starting MRR",
    "NRR %",
    "GRR %",
    "Customers with ROI",
    "Avg ROI %",
    "Median ROI %",
    "Avg payback months",
    "Total monthly savings",
    "NPS",
    "NPS 95% margin",
    "NPS responses",
    "CSAT avg",
    "CSAT %",
    "CES avg",
    "Adoption %",
    "Feature utilization %",
    "Case studies published",
    "Referrals",
];

/// Charts sit right of the headline table, one under another.
const CHART_COL: u16 = 4;
const CHART_WIDTH: u32 = 560;
const CHART_HEIGHT: u32 = 300;
/// Rows (20 px) and default columns (64 px) one chart takes, with a gap.
const CHART_ROWS: u32 = 16;
const CHART_COLS: u16 = 9;

/// The period whose headline figures are shown, and whether it had ended by
/// the as-of date.
struct Pick<'a> {
    figures: &'a PeriodFigures,
    complete: bool,
}

/// The latest period that ended on or before the as-of date; the latest
/// period at all when none has.
fn latest_complete(rows: &[PeriodFigures], as_of: chrono::NaiveDate) -> Option<Pick<'_>> {
    let ended = rows
        .iter()
        .rev()
        .find(|p| p.period.is_some_and(|p| p.end <= as_of));
    match ended {
        Some(figures) => Some(Pick {
            figures,
            complete: true,
        }),
        None => rows.last().map(|figures| Pick {
            figures,
            complete: false,
        }),
    }
}

fn label(pick: &Option<Pick>, kind: &str) -> String {
    match pick {
        Some(p) => {
            let l = p
                .figures
                .period
                .as_ref()
                .map(Period::label)
                .unwrap_or_default();
            if p.complete {
                format!("{kind} {l}")
            } else {
                format!("{kind} {l} (in progress)")
            }
        }
        None => format!("{kind} (no data)"),
    }
}

pub fn write(
    wb: &mut Workbook,
    fmt: &Formats,
    data: &ReportData,
) -> Result<Vec<Worksheet>, WorkbookError> {
    let layout = Layout {
        name: "Summary".into(),
        large: false,
        max_rows: EXCEL_MAX_ROWS,
    };
    let quarter = latest_complete(data.quarterly, data.as_of);
    let month = latest_complete(data.monthly, data.as_of);

    let mut w = SheetWriter::new(Pages::Workbook(wb), fmt, layout)?;
    w.free_row();
    let title = format!("Customer-success portfolio, as of {}", data.as_of);
    let ws = w.worksheet();
    ws.write_string_with_format(0, 0, title, &fmt.title)?;
    ws.set_row_height(0, 24)?;
    w.free_row();
    w.spill_text(&run_line(data))?;
    // Notes go above the table, where they are seen and do not run under
    // the charts.
    for n in notes(&quarter, &month, data.as_of) {
        w.free_row();
        w.note_text(&n)?;
    }
    w.skip_row();

    w.table(vec![
        Column::new("Figure", Kind::Text),
        Column::new(label(&quarter, "Quarter"), Kind::General),
        Column::new(label(&month, "Month"), Kind::General),
    ])?;
    let charts_at = w.next_row() - 1;
    for header in HEADLINES {
        let f = field(header);
        w.row()?;
        w.text(header)?;
        for pick in [&quarter, &month] {
            w.num_as(f.kind, pick.as_ref().and_then(|p| f.number(p.figures)))?;
        }
    }
    insert_charts(&mut w, data, charts_at)?;
    w.finish()
}

fn notes(quarter: &Option<Pick>, month: &Option<Pick>, as_of: chrono::NaiveDate) -> Vec<String> {
    let mut notes = Vec::new();
    for (pick, kind) in [(quarter, "quarter"), (month, "month")] {
        if let Some(p) = pick.as_ref().filter(|p| !p.complete) {
            let l = p
                .figures
                .period
                .as_ref()
                .map(Period::label)
                .unwrap_or_default();
            notes.push(format!(
                "No {kind} had ended by the as-of date {as_of}: the {kind} shown, {l}, is still in progress."
            ));
        }
    }
    notes.push(
        "Definitions of every figure: Assumptions sheet. Figures per period: Monthly, Quarterly, Segments; per customer: Customers; per input row: Checkpoints."
            .into(),
    );
    notes
}

/// "Inputs: ... · rows read N: A accepted, S superseded, R rejected · as of D"
fn run_line(data: &ReportData) -> String {
    let inputs: Vec<String> = data
        .run
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let t = data.ledger.total();
    let as_of_source = data.run.as_of_source.describe();
    format!(
        "Inputs: {}. Rows read {}: {} accepted, {} superseded, {} rejected (see Data issues). As of {} ({as_of_source}). {} customers. csf {}.",
        inputs.join(", "),
        t.rows_read,
        t.accepted,
        t.superseded,
        t.rejected,
        data.as_of,
        data.portfolio.customers.len(),
        data.run.csf_version
    )
}

/// Two charts side by side right of the table, the third under the first.
fn insert_charts(w: &mut SheetWriter, data: &ReportData, top: u32) -> Result<(), WorkbookError> {
    let months = data.monthly.len() as u32;
    let quarters = data.quarterly.len() as u32;
    let ws = w.worksheet();
    if months > 0 {
        ws.insert_chart(top, CHART_COL, &nps_chart(months))?;
        ws.insert_chart(top + CHART_ROWS, CHART_COL, &customers_chart(months))?;
    }
    if quarters > 0 {
        ws.insert_chart(top, CHART_COL + CHART_COLS, &roi_chart(quarters))?;
    }
    // One landscape page when printed or exported to PDF.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// A column of a period sheet, data rows 1..=n.
fn range(sheet: Sheet, header: &str, n: u32) -> ChartRange {
    let col = if header == "Period" {
        0
    } else {
        periods::column_of(sheet, header)
    };
    ChartRange::new_from_range(sheet.name(), 1, col, n, col)
}

fn sized(mut chart: Chart, title: &str) -> Chart {
    chart.title().set_name(title);
    chart.set_width(CHART_WIDTH).set_height(CHART_HEIGHT);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart
}

/// NPS by month with its 95% margin as error bars.
fn nps_chart(months: u32) -> Chart {
    let mut chart = Chart::new_line();
    let margin = range(Sheet::Monthly, "NPS 95% margin", months);
    let mut bars = ChartErrorBars::new();
    bars.set_type(ChartErrorBarsType::Custom(margin.clone(), margin));
    chart
        .add_series()
        .set_name("NPS (bars: 95% margin)")
        .set_categories(&range(Sheet::Monthly, "Period", months))
        .set_values(&range(Sheet::Monthly, "NPS", months))
        .set_marker(ChartMarker::new().set_type(ChartMarkerType::Circle))
        .set_y_error_bars(&bars);
    chart.y_axis().set_name("NPS").set_min(-100).set_max(100);
    // Labels under the plot, not on the zero line in its middle.
    chart
        .x_axis()
        .set_name("Month")
        .set_label_position(ChartAxisLabelPosition::Low);
    sized(chart, "NPS by month, with 95% margin")
}

/// Average net ROI % by quarter.
fn roi_chart(quarters: u32) -> Chart {
    let mut chart = Chart::new_column();
    chart
        .add_series()
        .set_name("Avg ROI %")
        .set_categories(&range(Sheet::Quarterly, "Period", quarters))
        .set_values(&range(Sheet::Quarterly, "Avg ROI %", quarters));
    chart
        .y_axis()
        .set_name("Average net ROI")
        .set_num_format("0%");
    chart.x_axis().set_name("Quarter");
    sized(chart, "Average ROI by quarter")
}

/// Active customers (columns) and logo retention (line, right axis) by month.
fn customers_chart(months: u32) -> Chart {
    let mut chart = Chart::new_column();
    chart
        .add_series()
        .set_name("Active customers")
        .set_categories(&range(Sheet::Monthly, "Period", months))
        .set_values(&range(Sheet::Monthly, "Active customers", months));
    chart.y_axis().set_name("Active customers");
    chart.x_axis().set_name("Month");

    let mut line = Chart::new_line();
    line.add_series()
        .set_name("Logo retention %")
        .set_categories(&range(Sheet::Monthly, "Period", months))
        .set_values(&range(Sheet::Monthly, "Logo retention %", months))
        .set_marker(ChartMarker::new().set_type(ChartMarkerType::Circle))
        .set_secondary_axis(true);
    chart.combine(&line);
    // The secondary axis is set on the primary chart (rust_xlsxwriter).
    chart
        .y2_axis()
        .set_name("Logo retention")
        .set_num_format("0%")
        .set_max(1);
    sized(chart, "Active customers and logo retention")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::periods::{Period, PeriodKind};
    use chrono::NaiveDate;

    fn month(y: i32, m: u32, last: u32) -> PeriodFigures {
        PeriodFigures {
            period: Some(Period {
                kind: PeriodKind::Month,
                start: NaiveDate::from_ymd_opt(y, m, 1).unwrap(),
                end: NaiveDate::from_ymd_opt(y, m, last).unwrap(),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn the_latest_complete_period_ends_on_or_before_the_as_of_date() {
        let rows = [month(2025, 1, 31), month(2025, 2, 28), month(2025, 3, 31)];
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let p = latest_complete(&rows, d(3, 15)).unwrap();
        assert!(p.complete);
        assert_eq!(p.figures.period.unwrap().start, d(2, 1));
        // Ending on the as-of date counts as complete.
        let p = latest_complete(&rows, d(3, 31)).unwrap();
        assert_eq!(p.figures.period.unwrap().start, d(3, 1));
        // None ended: fall back to the latest, marked in progress.
        let p = latest_complete(&rows, d(1, 20)).unwrap();
        assert!(!p.complete);
        assert_eq!(p.figures.period.unwrap().start, d(3, 1));
        assert!(latest_complete(&[], d(1, 1)).is_none());
    }
}
