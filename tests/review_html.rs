//! The review page (`kansli review`): what it holds, checked on the HTML, and how it renders,
//! checked in a real headless Chromium (a screenshot and a DOM check). Where Chromium is missing
//! or cannot start, the browser test says why on stderr and passes without checking.

use kansli::ingest;
use kansli::ocr_xml::{self, Input};
use kansli::pipeline;
use kansli::record::{Record, RegisterRef, RowRef};
use kansli::repair::Repairer;
use kansli::review::{escape, render};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ALTO: &str = "fixtures/ocr_xml/decision.alto.xml";

fn processed(input: Input) -> (Input, Record) {
    let repaired = input.repair(&Repairer::default());
    let record = pipeline::process_repaired(input.doc.clone(), repaired);
    (input, record)
}

fn fixture() -> (Input, Record) {
    let doc = ingest::read_path(ALTO.as_ref(), ingest::DEFAULT_MAX_BYTES).unwrap();
    processed(ocr_xml::read(doc).unwrap())
}

fn page(input: &Input, record: &Record) -> String {
    render(
        "decision.alto.xml",
        &input.doc.text,
        record,
        input.ocr.as_ref(),
    )
}

#[test]
fn every_change_and_flag_is_on_the_page() {
    let (input, record) = fixture();
    let html = page(&input, &record);
    assert!(record.repairs.len() > 40);
    assert_eq!(
        html.matches("<span class=\"change\" data-confidence=")
            .count(),
        record.repairs.len()
    );
    assert_eq!(
        html.matches("<mark class=\"review\" data-suggestion=")
            .count(),
        record.review.len()
    );
    for e in &record.repairs {
        let shown = format!("<del>{}</del>", escape(&e.old));
        assert!(html.contains(&shown), "{shown}");
    }
    assert_eq!(html.matches("<div class=\"page\"").count(), 2);
    assert!(
        html.matches("<span class=\"w\" data-ocr-confidence=")
            .count()
            > 10
    );
    // the excerpt's rows do not add up to the decision's 30 000 000 kronor
    assert!(html.contains("<tr id=\"sum\" class=\"bad sum-mismatch\">"));
    // self-contained: nothing to load, nothing to run
    for external in ["<script", "src=", "href=", "url(", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn the_document_text_is_escaped() {
    let text = "Regeringen <script>alert(\"x\")</script> beslutar & ger 'Kammarkollegiet' i uppdrag\natt utbetala 5 000 kronor for <b>stärkt</b> vård.\n";
    let doc = ingest::decode("<evil>.txt", text.as_bytes()).unwrap();
    let (input, record) = processed(ocr_xml::read(doc).unwrap());
    let html = render("<evil>.txt", &input.doc.text, &record, None);
    assert!(!html.contains("<script") && !html.contains("<b>") && !html.contains("<evil>"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("&#39;Kammarkollegiet&#39;"));
    assert!(html.contains("kansli review: &lt;evil&gt;.txt"));
}

#[test]
fn unmatched_rows_missing_entries_and_sum_mismatches_are_red() {
    let (input, mut record) = fixture();
    let first = &mut record.allocations[0];
    first.name = None;
    let unmatched = RowRef {
        row: first.row,
        name_ocr: first.name_ocr.clone(),
        amount_sek: first.amount_sek,
    };
    let rec = record.reconciliation.as_mut().unwrap();
    rec.unmatched.push(unmatched);
    rec.missing.push(RegisterRef {
        name: "Åre".into(),
        municipality_code: "2321".into(),
    });
    rec.ok = false;
    let html = page(&input, &record);
    assert!(html.contains("<tr class=\"bad unmatched\" data-row=\"1\">"));
    assert!(
        html.contains("<p class=\"bad\" id=\"missing\">Missing from the table (1): Åre (2321)</p>")
    );
    assert!(html.contains("<tr class=\"bad\" data-key=\"unmatched\">"));
    assert!(html.contains("<tr class=\"bad\" data-key=\"sum_matches\">"));
    assert!(html.contains("<h2>Reconciliation: <span class=\"bad\">problems found</span></h2>"));
}

/// Chromium, if this machine has it: `$KANSLI_CHROMIUM`, else `chromium` or `chromium-browser`
/// on the PATH.
fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("KANSLI_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// Says why the browser test checked nothing, where `cargo test` shows it (not captured).
fn skip(why: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED chromium_renders_the_review_page: {why}. Install Debian's chromium \
         (apt-get install -y chromium; .ci/run does) or set KANSLI_CHROMIUM to a Chromium binary."
    );
}

/// Runs headless Chromium on a file with extra arguments; its standard output, or why it could
/// not run.
fn chromium(
    browser: &Path,
    profile: &Path,
    file: &Path,
    args: &[String],
) -> Result<Vec<u8>, String> {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1400,1800",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", file.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{} cannot be started ({e})", browser.display()))?;
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{} did not finish within 120 s", browser.display()));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
        return Err(format!(
            "{} exited with {} ({})",
            browser.display(),
            out.status,
            tail.join(" / ")
        ));
    }
    Ok(out.stdout)
}

/// Measures the rendered page and leaves the result in `<pre id="probe">` for `--dump-dom`.
const PROBE: &str = r#"<script>
const q = s => [...document.querySelectorAll(s)];
const box = s => document.querySelector(s).getBoundingClientRect();
const r = {
  changes: q('#text .change').length,
  flags: q('#text mark.review').length,
  pages: q('#text .page').length,
  bad_rows: q('#reconciliation tbody tr.bad').length,
  rows: q('#reconciliation tbody tr').length,
  sum_colour: getComputedStyle(document.querySelector('#sum')).color,
  ins_shown: q('.change ins').every(e => e.getBoundingClientRect().width > 0),
  side_by_side: box('#text').right <= box('#records').left && box('#text').top === box('#records').top,
  title: document.title,
};
document.body.insertAdjacentHTML('beforeend', '<pre id="probe">' + JSON.stringify(r) + '</pre>');
</script>"#;

#[test]
fn chromium_renders_the_review_page() {
    let Some(browser) = find_chromium() else {
        return skip("no Chromium found (KANSLI_CHROMIUM unset, no chromium on the PATH)");
    };
    let (input, mut record) = fixture();
    // one row made unmatched, to see it red
    let name_ocr = std::mem::take(&mut record.allocations[1].name).unwrap_or_default();
    let rec = record.reconciliation.as_mut().unwrap();
    rec.unmatched.push(RowRef {
        row: 2,
        name_ocr,
        amount_sek: None,
    });
    let html = page(&input, &record);
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    std::fs::write(&report, &html).unwrap();
    let probed = dir.path().join("probed.html");
    std::fs::write(&probed, html.replace("</body>", &format!("{PROBE}</body>"))).unwrap();

    let shot = dir.path().join("report.png");
    let profile = dir.path().join("profile");
    if let Err(why) = chromium(
        &browser,
        &profile,
        &report,
        &[format!("--screenshot={}", shot.display())],
    ) {
        return skip(&why);
    }
    let png = std::fs::read(&shot).expect("Chromium wrote the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!(
        (size(16), size(20)),
        (1400, 1800),
        "the screenshot's width and height"
    );
    // a blank or unstyled page compresses to far less
    assert!(png.len() > 60_000, "screenshot of {} bytes", png.len());

    let dom = chromium(
        &browser,
        &dir.path().join("profile2"),
        &probed,
        &["--dump-dom".into()],
    )
    .expect("Chromium ran once already");
    let dom = String::from_utf8(dom).unwrap();
    let probe = dom
        .rsplit("<pre id=\"probe\">") // the last: the first is in the script's source
        .next()
        .and_then(|s| s.split("</pre>").next())
        .expect("the probe ran");
    let probe: serde_json::Value = serde_json::from_str(
        &probe
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
    .unwrap();
    assert_eq!(probe["changes"], record.repairs.len());
    assert_eq!(probe["flags"], record.review.len());
    assert_eq!(probe["pages"], 2);
    assert_eq!(probe["rows"], record.allocations.len());
    assert_eq!(probe["bad_rows"], 1);
    assert_eq!(probe["sum_colour"], "rgb(176, 0, 0)");
    assert_eq!(probe["ins_shown"], true);
    assert_eq!(probe["side_by_side"], true);
    assert_eq!(probe["title"], "kansli review: decision.alto.xml");
}

#[test]
fn the_command_line_writes_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_kansli"))
        .args(["review", ALTO, "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert!(html.contains("<h1>fixtures/ocr_xml/decision.alto.xml</h1>"));
    // a file that cannot be read is an error naming it, and no page is left behind
    let missing = dir.path().join("none.xml");
    let out2 = dir.path().join("r2.html");
    let output = Command::new(env!("CARGO_BIN_EXE_kansli"))
        .arg("review")
        .arg(&missing)
        .arg("-o")
        .arg(&out2)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("none.xml: cannot read it"));
    assert!(!out2.exists());
}
