//! How fast `csf generate` makes data: one customer, and 10,000 customers
//! rendered as CSV into memory (no disk). Run with `cargo bench --bench generate`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use csf::generate::{Options, customer, write_csv};

fn options(customers: u64) -> Options {
    Options {
        customers,
        seed: 42,
        start: Options::DEFAULT_START,
    }
}

fn bench(c: &mut Criterion) {
    let one = options(250_000);
    c.bench_function("one customer", |b| {
        b.iter(|| customer(&one, black_box(123_456)))
    });

    let many = options(10_000);
    let mut group = c.benchmark_group("csv");
    group.throughput(Throughput::Elements(many.customers));
    group.sample_size(20);
    group.bench_function("10k customers", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(50 << 20);
            write_csv(&many, &mut out, &|_| {}).unwrap();
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
