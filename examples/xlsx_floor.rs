//! The floor that `csf report` is measured against (issue 3): parse the
//! export with the csv crate and write 1,000,000 rows × 35 numbers with
//! rust_xlsxwriter in constant-memory mode, nothing else.
//!
//!     cargo run --release --example xlsx_floor -- EXPORT.csv OUT.xlsx [ZIP_LEVEL]

use std::error::Error;

use rust_xlsxwriter::Workbook;

const NUMBERS_PER_ROW: u16 = 35;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output, rest @ ..] = args.as_slice() else {
        return Err("usage: xlsx_floor EXPORT.csv OUT.xlsx [ZIP_LEVEL]".into());
    };
    let mut workbook = Workbook::new();
    if let Some(level) = rest.first() {
        workbook.set_zip_compression_level(level.parse()?);
    }
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    let mut reader = csv::Reader::from_path(input)?;
    let mut record = csv::ByteRecord::new();
    let mut row = 0u32;
    let mut numbers = Vec::new();
    while reader.read_byte_record(&mut record)? {
        row += 1;
        numbers.clear();
        numbers.extend(
            record
                .iter()
                .filter_map(|f| std::str::from_utf8(f).ok()?.parse::<f64>().ok()),
        );
        if numbers.is_empty() {
            continue;
        }
        for col in 0..NUMBERS_PER_ROW {
            sheet.write_number(row, col, numbers[usize::from(col) % numbers.len()])?;
        }
    }
    workbook.save(output)?;
    eprintln!("{row} rows × {NUMBERS_PER_ROW} numbers written to {output}");
    Ok(())
}
