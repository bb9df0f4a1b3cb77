//! `kansli extract --stdin-jsonl`: the streaming mode for Spark's RDD.pipe, Hadoop Streaming and
//! GNU parallel. One JSON object a line in, one record a line out, ids first, in input order.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const EXE: &str = env!("CARGO_BIN_EXE_kansli");

const PRESS: &str = "Pressmeddelande från Socialdepartementet\n\nRegeringen avsätter 30 miljoner kronor till kommunerna.\n";
const DECISION: &str = "Regeringens beslut\n\nRegeringen ger Kammarkollegiet i uppdrag att utbetala 236 999 kronor till kommunerna enligt bilaga.\n\nKommun Belopp\n\nAle 84 465 kr\nAlingsås 152 534 kr\n\nPå regeringens vägnar\n\nLena Hallengren\n";

fn run(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(EXE)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    o
}

fn line(id: serde_json::Value, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string()
}

fn records(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn one_record_a_line_with_its_id_first_in_input_order() {
    let mut input = String::new();
    for i in 0..40 {
        let text = if i % 3 == 0 { DECISION } else { PRESS };
        input.push_str(&line(serde_json::json!(format!("doc-{i}")), text));
        input.push('\n');
    }
    for jobs in ["1", "2", "4"] {
        let o = run(&["extract", "--stdin-jsonl", "--jobs", jobs], &input);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let recs = records(&o);
        assert_eq!(recs.len(), 40);
        for (i, r) in recs.iter().enumerate() {
            assert_eq!(r["id"], format!("doc-{i}"));
            assert_eq!(
                r["kind"],
                if i % 3 == 0 {
                    "decision"
                } else {
                    "press_release"
                }
            );
            assert_eq!(r["source"]["path"], format!("<stdin>:{}", i + 1));
        }
        // the id is the first key, so that line-oriented tools can join on it
        let first = String::from_utf8(o.stdout.clone()).unwrap();
        assert!(first.starts_with("{\"id\":\"doc-0\",\"source\":"));
    }
}

#[test]
fn the_record_is_the_one_file_mode_gives() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("beslut.txt");
    std::fs::write(&file, DECISION).unwrap();
    let from_file = Command::new(EXE)
        .args(["extract", "--format", "jsonl"])
        .arg(&file)
        .output()
        .unwrap();
    let mut a: serde_json::Value = serde_json::from_slice(&from_file.stdout).unwrap();
    let o = run(
        &["extract", "--stdin-jsonl"],
        &format!("{}\n", line(serde_json::json!(1), DECISION)),
    );
    let mut b = records(&o).remove(0);
    assert_eq!(b["id"], 1);
    for v in [&mut a, &mut b] {
        let o = v.as_object_mut().unwrap();
        o.remove("id");
        o["source"].as_object_mut().unwrap().remove("path");
    }
    assert_eq!(a, b);
}

#[test]
fn bad_lines_give_error_records_with_their_id_and_the_run_goes_on() {
    let input = format!(
        "{}\n\nnot json\n{}\n{{\"id\": 9}}\n{}\r\n",
        line(serde_json::json!(1), PRESS),
        r#"{"id": [1, "x"], "text": "Hej\u0000då"}"#,
        line(serde_json::json!(null), DECISION),
    );
    let o = run(&["extract", "--stdin-jsonl", "--jobs", "2"], &input);
    assert_eq!(o.status.code(), Some(1));
    let recs = records(&o);
    assert_eq!(
        recs.len(),
        5,
        "blank lines are skipped, every other line gives a record"
    );
    assert_eq!(recs[0]["kind"], "press_release");
    assert_eq!(recs[1]["id"], serde_json::Value::Null);
    assert_eq!(
        recs[1]["error"],
        "<stdin>:3: the line is not a JSON object with a \"text\" string (expected ident at line 1 column 2)"
    );
    assert_eq!(recs[2]["id"], serde_json::json!([1, "x"]));
    assert_eq!(
        recs[2]["error"],
        "<stdin>:4: not a text document (it contains NUL bytes)"
    );
    assert_eq!(recs[3]["id"], 9);
    assert_eq!(
        recs[3]["error"],
        "<stdin>:5: the line is not a JSON object with a \"text\" string (it has no \"text\" key)"
    );
    assert_eq!(recs[4]["kind"], "decision");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("kansli: <stdin>:3: the line is not a JSON object"),
        "{err}"
    );
    assert!(err.contains("3 failed"), "{err}");
}

#[test]
fn an_overlong_line_is_refused_without_being_held_in_memory() {
    let big = "Pressmeddelande ".repeat(5000);
    let input = format!(
        "{}\n{}\n",
        line(serde_json::json!("big"), &big),
        line(serde_json::json!("small"), PRESS)
    );
    let o = run(
        &["extract", "--stdin-jsonl", "--max-bytes", "10000"],
        &input,
    );
    assert_eq!(o.status.code(), Some(1));
    let recs = records(&o);
    assert_eq!(
        recs[0]["error"],
        "<stdin>:1: the input is over the limit of 10000 bytes (raise it with --max-bytes)"
    );
    assert_eq!(recs[1]["id"], "small");
}

#[test]
fn csv_rows_carry_the_id_as_their_source() {
    let o = run(
        &["extract", "--stdin-jsonl", "--format", "csv"],
        &format!("{}\n", line(serde_json::json!("k-7"), DECISION)),
    );
    let out = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(rows[1].starts_with("k-7,1,Ale,Ale,1440,"), "{out}");
}

/// A caller that writes one line and waits for its record before writing the next (a
/// coprocess) gets each record at once: output is flushed after every record.
#[test]
fn each_record_is_flushed_as_soon_as_it_is_ready() {
    let mut child = Command::new(EXE)
        .args(["extract", "--stdin-jsonl", "--jobs", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(stdout).lines() {
            if tx.send(l.unwrap()).is_err() {
                break;
            }
        }
    });
    for i in 0..3 {
        writeln!(stdin, "{}", line(serde_json::json!(i), PRESS)).unwrap();
        stdin.flush().unwrap();
        let got = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the record came while the input was still open");
        let v: serde_json::Value = serde_json::from_str(&got).unwrap();
        assert_eq!(v["id"], i);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
