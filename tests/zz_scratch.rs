use kansli::{ingest, pipeline, repair::Repairer};
use std::time::Instant;
#[test]
fn scaling() {
    let unit = "Ale 84 465 kr, Alingsås 152 534 kr och kommunerna samt regeringen; ";
    for sep in ["", "\n"] {
        for n in [250, 500, 1000, 2000] {
            let mut s = String::from("Regeringens beslut\n");
            for _ in 0..n { s.push_str(unit); s.push_str(sep); }
            let doc = ingest::decode("x", s.as_bytes()).unwrap();
            let t = Instant::now();
            let _rec = pipeline::process(doc, &Repairer::default());
            eprintln!("sep={sep:?} n={n} bytes={} all={:?}", s.len(), t.elapsed());
        }
    }
}
