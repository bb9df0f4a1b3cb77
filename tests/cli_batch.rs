//! The command line over many inputs: order, parallelism, errors that never stop a run, exit
//! status, atomic --out, and inputs left untouched.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const EXE: &str = env!("CARGO_BIN_EXE_kansli");

fn kansli(args: &[&str], dir: &Path) -> Output {
    Command::new(EXE)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("kansli runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn records(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

fn path_of(v: &serde_json::Value) -> String {
    v["source"]["path"].as_str().unwrap().to_string()
}

/// Small, quick documents: a press release, a decision with a table, an empty file.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    std::fs::create_dir_all(a.join("sub")).unwrap();
    std::fs::write(
        a.join("01_press.txt"),
        "Pressmeddelande från Socialdepartementet\n\nRegeringen avsätter 30 miljoner kronor till kommunerna.\n",
    )
    .unwrap();
    std::fs::write(
        a.join("02_beslut.txt"),
        "Regeringens beslut\n\nRegeringen ger Kammarkollegiet i uppdrag att utbetala 236 999 kronor till kommunerna enligt bilaga.\n\nKommun Belopp\n\nAle 84 465 kr\nAlingsås 152 534 kr\n\nPå regeringens vägnar\n\nLena Hallengren\n",
    )
    .unwrap();
    std::fs::write(a.join("sub/03_empty.txt"), "").unwrap();
    std::fs::write(a.join("sub/04_notes.md"), "Pressmeddelande\n").unwrap();
    std::fs::write(a.join(".hidden.txt"), "Pressmeddelande\n").unwrap();
    dir
}

#[test]
fn many_inputs_give_one_record_a_line_in_input_order_whatever_the_jobs() {
    let dir = archive();
    let one = kansli(&["extract", "a", "--jobs", "1"], dir.path());
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    let paths: Vec<String> = records(&one).iter().map(path_of).collect();
    assert_eq!(
        paths,
        vec![
            "a/01_press.txt",
            "a/02_beslut.txt",
            "a/sub/03_empty.txt",
            "a/sub/04_notes.md"
        ]
    );
    for jobs in ["2", "3", "8"] {
        let many = kansli(&["extract", "a", "--jobs", jobs], dir.path());
        assert_eq!(many.status.code(), Some(0));
        assert_eq!(
            stdout(&many),
            stdout(&one),
            "--jobs {jobs} changed the output"
        );
    }
    // files named on the command line keep their order
    let named = kansli(
        &[
            "extract",
            "a/sub/03_empty.txt",
            "a/01_press.txt",
            "--jobs",
            "2",
        ],
        dir.path(),
    );
    let paths: Vec<String> = records(&named).iter().map(path_of).collect();
    assert_eq!(paths, vec!["a/sub/03_empty.txt", "a/01_press.txt"]);
}

#[test]
fn globs_filter_the_files_found_in_directories() {
    let dir = archive();
    let o = kansli(&["extract", "a", "--glob", "*.txt"], dir.path());
    let paths: Vec<String> = records(&o).iter().map(path_of).collect();
    assert_eq!(
        paths,
        vec!["a/01_press.txt", "a/02_beslut.txt", "a/sub/03_empty.txt"]
    );
    let o = kansli(
        &["extract", "a", "--glob", "*.txt", "--glob", "!*empty*"],
        dir.path(),
    );
    assert_eq!(records(&o).len(), 2);
    let o = kansli(&["extract", "a", "-g", "sub/*"], dir.path());
    let paths: Vec<String> = records(&o).iter().map(path_of).collect();
    assert_eq!(paths, vec!["a/sub/03_empty.txt", "a/sub/04_notes.md"]);
    // nothing matches: a usage error, not an empty success
    let o = kansli(&["extract", "a", "--glob", "*.pdf"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no input files"), "{}", stderr(&o));
}

#[test]
fn the_empty_file_is_an_unknown_record_with_a_warning() {
    let dir = archive();
    let o = kansli(&["extract", "a/sub/03_empty.txt"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["kind"], "unknown");
    assert_eq!(r["warnings"][0], "the document is empty");
}

#[test]
fn bad_inputs_give_error_records_and_never_stop_the_run() {
    let dir = archive();
    std::fs::write(
        dir.path().join("a/scan.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    std::fs::write(dir.path().join("a/nul.txt"), b"Hej\0\0\0 d\xe5").unwrap();
    let o = kansli(&["extract", "a", "missing.txt", "--jobs", "2"], dir.path());
    assert_eq!(o.status.code(), Some(1), "some inputs failed");
    let recs = records(&o);
    let paths: Vec<String> = recs.iter().map(path_of).collect();
    assert_eq!(
        paths,
        vec![
            "a/01_press.txt",
            "a/02_beslut.txt",
            "a/nul.txt",
            "a/scan.png",
            "a/sub/03_empty.txt",
            "a/sub/04_notes.md",
            "missing.txt"
        ]
    );
    let errors: Vec<&str> = recs.iter().filter_map(|r| r["error"].as_str()).collect();
    assert_eq!(
        errors,
        vec![
            "a/nul.txt: not a text document (it contains NUL bytes)",
            "a/scan.png: not a text document (it is a PNG image: run OCR on it first)",
            "missing.txt: cannot read it: no such file or directory",
        ]
    );
    // the good documents are complete records
    assert_eq!(recs[1]["kind"], "decision");
    assert_eq!(recs[1]["allocations"].as_array().unwrap().len(), 2);
    // each failure is one line on stderr, a sentence naming the file, no backtrace
    let err = stderr(&o);
    for e in &errors {
        assert!(err.contains(&format!("kansli: {e}\n")), "{err}");
    }
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    // and the summary says what happened
    assert!(err.contains("4 documents"), "{err}");
    assert!(err.contains("3 failed"), "{err}");
    assert!(err.contains("1 decision"), "{err}");
}

#[test]
fn csv_writes_allocation_rows_and_reports_failures_on_stderr() {
    let dir = archive();
    let o = kansli(
        &[
            "extract",
            "a/02_beslut.txt",
            "missing.txt",
            "--format",
            "csv",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("source,row,name_ocr"));
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[1].starts_with("a/02_beslut.txt,1,Ale,Ale,1440"),
        "{out}"
    );
    assert!(stderr(&o).contains("missing.txt: cannot read it"));
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_directories_are_named() {
    use std::os::unix::fs::PermissionsExt;
    // root reads everything: nothing to test there
    if unsafe { libc::geteuid() } == 0 {
        return;
    }
    let dir = archive();
    let file = dir.path().join("a/01_press.txt");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let sub = dir.path().join("a/sub");
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
    let o = kansli(&["extract", "a"], dir.path());
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("a/01_press.txt: cannot read it: permission denied"),
        "{err}"
    );
    assert!(
        err.contains("a/sub: cannot read the directory: permission denied"),
        "{err}"
    );
    assert_eq!(records(&o).len(), 3);
}

#[test]
fn usage_errors_exit_2() {
    let dir = archive();
    for args in [
        vec!["extract"],
        vec!["extract", "a", "--format", "yaml"],
        vec!["extract", "a", "--jobs", "0"],
        vec!["extract", "a", "--glob", "[abc"],
        vec!["extract", "--stdin-jsonl", "a"],
        vec!["extract", "-", "-"],
        vec!["extract", "a/01_press.txt", "--out", "a/01_press.txt"],
        vec!["extract", "a/01_press.txt", "--out", "a"],
        vec!["frobnicate"],
    ] {
        let o = kansli(&args, dir.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(stderr(&o).contains("error"), "{args:?}: {}", stderr(&o));
    }
}

fn tree_state(root: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let meta = std::fs::metadata(&p).unwrap();
                out.push((
                    p.clone(),
                    std::fs::read(&p).unwrap(),
                    meta.modified().unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn out_is_written_atomically_and_inputs_are_never_modified() {
    let dir = archive();
    let before = tree_state(&dir.path().join("a"));
    let o = kansli(
        &["extract", "a", "--out", "records.jsonl", "--jobs", "2"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(
        tree_state(&dir.path().join("a")),
        before,
        "an input changed"
    );
    let written = std::fs::read_to_string(dir.path().join("records.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 4);
    // no temporary file is left behind
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // a second run into the walked directory: the previous output is not an input
    let o = kansli(&["extract", "a", "--out", "a/records.jsonl"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let o = kansli(&["extract", "a", "--out", "a/records.jsonl"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let again = std::fs::read_to_string(dir.path().join("a/records.jsonl")).unwrap();
    assert_eq!(again, written, "same records");
    assert_eq!(again.lines().count(), 4);

    // an output that cannot be created: exit 2, nothing written
    let o = kansli(
        &["extract", "a", "--out", "no/such/dir/out.jsonl"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot create the output file no/such/dir/out.jsonl"));
}

#[cfg(unix)]
#[test]
fn a_killed_run_leaves_no_partial_output() {
    use std::io::Write;
    let dir = archive();
    std::fs::write(dir.path().join("out.json"), "previous results\n").unwrap();
    let tmp_exists = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains(".kansli-"))
    };
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        // reading standard input that never ends: the run is still going when it is killed
        let mut child = Command::new(EXE)
            .args(["extract", "-", "--out", "out.json"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"Pressmeddelande\n").unwrap();
        let t = std::time::Instant::now();
        while !tmp_exists() && t.elapsed().as_secs() < 20 {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(tmp_exists(), "the temporary file was never created");
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        assert!(!status.success());
        drop(stdin);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("out.json")).unwrap(),
            "previous results\n"
        );
        assert!(
            !tmp_exists(),
            "signal {signal}: the temporary file was left behind"
        );
    }
}

#[test]
fn standard_input_is_read_with_a_dash() {
    use std::io::Write;
    let dir = archive();
    let mut child = Command::new(EXE)
        .args(["extract", "-", "a/01_press.txt"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Regeringens beslut\r\n\r\nPå regeringens vägnar\r\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = records(&o);
    assert_eq!(path_of(&recs[0]), "<stdin>");
    assert_eq!(recs[0]["kind"], "decision");
    assert_eq!(recs[0]["source"]["line_ends"], "CRLF");
    assert_eq!(path_of(&recs[1]), "a/01_press.txt");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal_and_quiet_means_quiet() {
    let dir = archive();
    let o = kansli(&["extract", "a"], dir.path());
    let err = stderr(&o);
    assert!(!err.contains('\x1b') && !err.contains('\r'), "{err:?}");
    assert!(err.starts_with("kansli: done in "), "{err}");
    let o = kansli(&["extract", "a", "--quiet"], dir.path());
    assert!(o.stderr.is_empty());
    // one document: no summary either
    let o = kansli(&["extract", "a/01_press.txt"], dir.path());
    assert!(o.stderr.is_empty());
}

#[test]
fn size_limit_is_configurable_and_names_the_file() {
    let dir = archive();
    let o = kansli(
        &["extract", "a/02_beslut.txt", "--max-bytes", "100"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("a/02_beslut.txt: the file is ")
            && err.contains("over the limit of 100 bytes (raise it with --max-bytes)"),
        "{err}"
    );
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = archive();
    let mut child = Command::new(EXE)
        .args(["extract", "a", "a", "a", "a", "--jobs", "2"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn every_encoding_gives_the_same_record_through_the_command_line() {
    let dir = archive();
    let text = std::fs::read_to_string(dir.path().join("a/02_beslut.txt")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    std::fs::write(dir.path().join("u16.txt"), utf16).unwrap();
    std::fs::write(dir.path().join("latin.txt"), &latin[..]).unwrap();
    std::fs::write(dir.path().join("crlf.txt"), text.replace('\n', "\r\n")).unwrap();
    let o = kansli(
        &[
            "extract",
            "a/02_beslut.txt",
            "u16.txt",
            "latin.txt",
            "crlf.txt",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut recs = records(&o);
    let encodings: Vec<String> = recs
        .iter()
        .map(|r| format!("{} {}", r["source"]["encoding"], r["source"]["line_ends"]))
        .collect();
    assert_eq!(
        encodings,
        vec![
            "\"UTF-8\" \"LF\"",
            "\"UTF-16LE\" \"LF\"",
            "\"windows-1252\" \"LF\"",
            "\"UTF-8\" \"CRLF\""
        ]
    );
    for r in &mut recs {
        r.as_object_mut().unwrap().remove("source");
    }
    assert!(recs.iter().all(|r| *r == recs[0]), "records differ");
}
