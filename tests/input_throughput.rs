//! Raw row throughput of the input layer: a measurement, not a timed test.
//!
//! cargo test --release --test input_throughput -- --ignored --nocapture

use std::io::{BufWriter, Write};
use std::time::Instant;

use csf::input::{self, Cell, ReadOptions};

const HEADER: &str = "customer_id,customer_name,checkpoint,snapshot_date,segment,\
implementation_cost,storage_gb,api_calls,latency_ms,accuracy_pct,infrastructure_cost,\
error_rate_pct,support_tickets,mrr,expansion_revenue,active_users,licensed_users,nps,csat,status";

fn row(i: usize) -> String {
    let customer = i / 4;
    let checkpoint = (i % 4) * 30;
    format!(
        "C{customer:07},\"Customer {customer}, Inc.\",{checkpoint},2025-{:02}-{:02},Mid-market,{},\
         {}.5,{},{},{}.5,{},2.5,{},{},,{},60,{},4,active",
        1 + i % 12,
        1 + i % 28,
        if checkpoint == 0 { "12000" } else { "" },
        800 - checkpoint,
        250_000 + i % 1000,
        420 - checkpoint,
        85 + i % 10,
        6500 - checkpoint * 10,
        i % 30,
        4200 + (i % 7) * 100,
        40 + i % 20,
        i % 11,
    )
}

/// CPU seconds used by this process so far (user + system), from
/// /proc/self/stat: on a shared machine wall time says more about the
/// neighbours than about the code. `None` off Linux.
fn cpu_seconds() -> Option<f64> {
    cpu_seconds_of("/proc/self/stat")
}

/// CPU seconds used by the calling thread so far.
fn thread_cpu_seconds() -> Option<f64> {
    cpu_seconds_of("/proc/thread-self/stat")
}

fn cpu_seconds_of(stat_file: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(stat_file).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn count(table: input::Table) -> (usize, usize) {
    let mut rows = 0;
    let mut texts = 0;
    for row in table.rows {
        let row = row.unwrap();
        rows += 1;
        texts += row
            .cells
            .iter()
            .filter(|c| matches!(c, Cell::Text(_)))
            .count();
    }
    (rows, texts)
}

#[test]
#[ignore = "measurement: run in release with --nocapture"]
fn csv_rows_per_second() {
    const ROWS: usize = 1_000_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut out = BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(out, "{HEADER}").unwrap();
    for i in 0..ROWS {
        writeln!(out, "{}", row(i)).unwrap();
    }
    out.into_inner().unwrap().sync_all().unwrap();
    let megabytes = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;

    for run in 1..=3 {
        let start = Instant::now();
        let cpu_start = cpu_seconds().unwrap_or(f64::NAN);
        let consumer_start = thread_cpu_seconds().unwrap_or(f64::NAN);
        let table = input::open(&path, &ReadOptions::default()).unwrap();
        let (rows, texts) = count(table);
        let seconds = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds().unwrap_or(f64::NAN) - cpu_start;
        // This thread read the file, decoded it, found the header and then
        // consumed (and freed) the rows; the reader thread did the rest.
        let consumer = thread_cpu_seconds().unwrap_or(f64::NAN) - consumer_start;
        let producer = cpu - consumer;
        assert_eq!(rows, ROWS);
        eprintln!(
            "CSV run {run}: {rows} rows ({texts} text cells, {megabytes:.0} MB): wall {seconds:.2} s \
             = {:.2} M rows/s; CPU {cpu:.2} s (reader thread {producer:.2} s = {:.2} M rows/s, \
             {:.0} MB/s; consumer thread {consumer:.2} s)",
            rows as f64 / seconds / 1e6,
            rows as f64 / producer / 1e6,
            megabytes / producer,
        );
    }
}

#[test]
#[ignore = "measurement: run in release with --nocapture"]
fn xlsx_rows_per_second() {
    const ROWS: usize = 200_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory().unwrap();
    for (col, name) in HEADER.split(',').enumerate() {
        sheet.write_string(0, col as u16, name).unwrap();
    }
    for i in 0..ROWS {
        let r = (i + 1) as u32;
        sheet.write_string(r, 0, format!("C{:07}", i / 4)).unwrap();
        sheet
            .write_string(r, 1, format!("Customer {}", i / 4))
            .unwrap();
        sheet.write_number(r, 2, ((i % 4) * 30) as f64).unwrap();
        sheet.write_string(r, 3, "2025-03-31").unwrap();
        for col in 4..20u16 {
            sheet.write_number(r, col, (i % 1000) as f64 + 0.5).unwrap();
        }
    }
    workbook.save(&path).unwrap();

    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let table = input::open(&path, &ReadOptions::default()).unwrap();
    let (rows, _) = count(table);
    let seconds = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
    assert_eq!(rows, ROWS);
    eprintln!(
        "XLSX: {rows} rows in {seconds:.2} s wall = {:.0} k rows/s; CPU (both threads) {:.2} s",
        rows as f64 / seconds / 1e3,
        cpu.unwrap_or(f64::NAN)
    );
}
