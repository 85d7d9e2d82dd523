//! The CLI contract: every exit path of `polner extract`.
#![cfg(feature = "cli")]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn polner(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_polner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("polner runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout_json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn text_document_from_stdin_gives_one_object() {
    let out = polner(
        &["extract", "--reference-date", "2025-10-20"],
        "Spotkanie w Krakowie 15 października.".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["id"], "<stdin>");
    let entities = doc["entities"].as_array().unwrap();
    assert_eq!(entities[0]["text"], "Krakowie");
    assert_eq!(entities[0]["lemma"], "Kraków");
    assert_eq!(entities[0]["label"], "LOC");
    assert_eq!(entities[0]["start"], 12);
    assert_eq!(entities[0]["end"], 20);
    assert_eq!(entities[1]["value"], "2025-10-15");
    assert_eq!(
        doc["sentences"],
        serde_json::json!([{"start": 0, "end": 37}])
    );
    assert!(doc["topics"]["keyphrases"].is_array());
    assert!(doc.get("tokens").is_none());
}

#[test]
fn text_file_argument_and_tokens_flag() {
    let dir = std::env::temp_dir().join(format!("polner-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.txt");
    std::fs::write(&path, "Gdańsk i Łódź.").unwrap();
    let out = polner(&["extract", "--tokens", path.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["id"], path.to_str().unwrap());
    assert_eq!(doc["tokens"].as_array().unwrap().len(), 4);
    assert_eq!(doc["tokens"][2]["start"], 9);
}

#[test]
fn jsonl_keeps_ids_order_and_char_offsets_with_emoji_and_decomposed_letters() {
    // "ń" decomposed as "n" + U+0301, after an emoji with a skin-tone modifier
    let text = "👍🏽 Byłem w Krakowie i w Gdan\u{301}sku.";
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "b", "text": text}),
        serde_json::json!({"id": 1, "text": "Warszawa", "date": "2025-10-20"})
    );
    let out = polner(
        &[
            "extract",
            "--input",
            "jsonl",
            "--format",
            "jsonl",
            "--threads",
            "2",
        ],
        lines.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = stdout_json_lines(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "b");
    assert_eq!(docs[1]["id"], 1);
    let chars: Vec<char> = text.chars().collect();
    for e in docs[0]["entities"].as_array().unwrap() {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        let slice: String = chars[s..t].iter().collect();
        assert_eq!(slice, e["text"].as_str().unwrap());
        let (bs, bt) = (
            e["byte_start"].as_u64().unwrap() as usize,
            e["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[bs..bt], e["text"].as_str().unwrap());
    }
    let lemmas: Vec<&str> = docs[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["lemma"].as_str().unwrap())
        .collect();
    assert_eq!(lemmas, ["Kraków", "Gdańsk"]);
}

#[test]
fn many_jsonl_documents_in_parallel_stay_in_order() {
    let mut input = String::new();
    for i in 0..1000 {
        input.push_str(
            &serde_json::json!({"id": i, "text": format!("Dokument {i} o Warszawie.")}).to_string(),
        );
        input.push('\n');
    }
    let out = polner(
        &["extract", "--input", "jsonl", "--threads", "2"],
        input.as_bytes(),
    );
    assert!(out.status.success());
    let ids: Vec<u64> = stdout_json_lines(&out)
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..1000).collect::<Vec<u64>>());
}

#[test]
fn invalid_utf8_names_file_and_byte_offset() {
    let out = polner(&["extract"], b"Zdanie \xff dalej");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>: invalid UTF-8 at byte offset 7"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn lossy_replaces_invalid_bytes() {
    let out = polner(&["extract", "--lossy"], b"Zdanie \xff w Gda\xc5\x84sku");
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["entities"][0]["lemma"], "Gdańsk");
}

#[test]
fn bad_jsonl_line_fails_naming_the_line_after_writing_earlier_documents() {
    let input =
        "{\"id\":1,\"text\":\"Kraków\"}\n{\"id\":2,\"text\":\n{\"id\":3,\"text\":\"Łódź\"}\n";
    let out = polner(&["extract", "--input", "jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>, line 2: invalid JSON"),
        "{}",
        stderr(&out)
    );
    let docs = stdout_json_lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], 1);
}

#[test]
fn skip_bad_lines_reports_and_counts() {
    let input =
        "{\"id\":1,\"text\":\"Kraków\"}\nnot json\n{\"id\":3}\n{\"id\":4,\"text\":\"Łódź\"}\n";
    let out = polner(
        &["extract", "--input", "jsonl", "--skip-bad-lines"],
        input.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("line 2: invalid JSON"), "{err}");
    assert!(err.contains("line 3: missing \"text\" field"), "{err}");
    assert!(err.contains("skipped 2 bad line(s)"), "{err}");
    let ids: Vec<u64> = stdout_json_lines(&out)
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 4]);
}

#[test]
fn empty_input() {
    let out = polner(&["extract"], b"");
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["entities"], serde_json::json!([]));
    let out = polner(&["extract", "--input", "jsonl"], b"");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let out = polner(
        &["extract", "--input", "jsonl", "--format", "json"],
        b"\n\n",
    );
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        polner(&["extract", "--input", "xml"], b"").status.code(),
        Some(2)
    );
    assert_eq!(
        polner(&["extract", "--reference-date", "2025-02-30"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(polner(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(
        polner(&["extract", "--threads", "0"], b"").status.code(),
        Some(2)
    );
}

#[test]
fn topics_k_limits_each_part_also_in_merged_pieces() {
    let text = format!("{PARAGRAPH}\n\n").repeat(6);
    let counts = |args: &[&str]| {
        let out = polner(args, text.as_bytes());
        assert!(out.status.success(), "{}", stderr(&out));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        ["keyphrases", "categories", "entities"]
            .map(|part| doc["topics"][part].as_array().unwrap().len())
    };
    let full = counts(&["extract"]);
    assert!(full[0] > 2 && full[2] > 2, "{full:?}");
    assert_eq!(
        counts(&["extract", "--topics-k", "2"]),
        full.map(|n| n.min(2))
    );
    let parts = ["extract", "--topics-k", "keyphrases=0,entities=2"];
    assert_eq!(counts(&parts), [0, full[1], 2]);
    // a document read in pieces keeps the same limits in its merged topics
    let pieces = [
        "extract",
        "--topics-k",
        "keyphrases=0,entities=2",
        "--piece-bytes",
        "700",
    ];
    assert_eq!(counts(&pieces)[0], 0);
    assert_eq!(counts(&pieces)[2], 2);
    for bad in ["x", "topics=3", "keyphrases", "keyphrases=-1"] {
        let out = polner(&["extract", "--topics-k", bad], b"");
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("--topics-k"), "{}", stderr(&out));
    }
}

#[test]
fn missing_file_and_bad_gazetteer_are_clear_errors() {
    let out = polner(&["extract", "/nonexistent/x.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("polner: /nonexistent/x.txt: "),
        "{}",
        stderr(&out)
    );
    let dir = std::env::temp_dir().join(format!("polner-gaz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gaz = dir.join("g.tsv");
    std::fs::write(&gaz, "Kraków\tLOC\nŁódź\n").unwrap();
    let out = polner(&["extract", "--gazetteer", gaz.to_str().unwrap()], b"x");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("g.tsv, line 2: expected at least 2"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn user_gazetteer_adds_names() {
    let dir = std::env::temp_dir().join(format!("polner-gaz2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gaz = dir.join("g.tsv");
    std::fs::write(&gaz, "Nowa Huta\tLOC\tother\t\tNowej Hucie\n").unwrap();
    let out = polner(
        &["extract", "--gazetteer", gaz.to_str().unwrap()],
        "W Nowej Hucie.".as_bytes(),
    );
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["entities"][0]["lemma"], "Nowa Huta");
    assert!(
        doc["entities"][0]["source"]
            .as_str()
            .unwrap()
            .ends_with("g.tsv")
    );
}

#[test]
fn closed_stdout_is_not_a_panic() {
    let mut input = String::new();
    for i in 0..20000 {
        input.push_str(&format!(
            "{{\"id\":{i},\"text\":\"Kraków i Gdańsk, Łódź oraz Warszawa.\"}}\n"
        ));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_polner"))
        .args(["extract", "--input", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    drop(child.stdout.take()); // the reader goes away, like `| head`
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write output"), "{err}");
}

#[test]
fn lemmatize_prints_lemma_candidates_per_token() {
    let out = polner(
        &["lemmatize"],
        "Byłem w Krakowie.\n\nDrugie zdanie.".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let krakowie = text.lines().find(|l| l.starts_with("Krakowie\t")).unwrap();
    assert!(
        krakowie
            .split('\t')
            .nth(1)
            .unwrap()
            .split('|')
            .any(|l| l == "Kraków"),
        "{krakowie}"
    );
    // a blank line after each sentence
    assert_eq!(text.lines().filter(|l| l.is_empty()).count(), 2);
    let out = polner(
        &["lemmatize", "--input", "jsonl", "--format", "jsonl"],
        b"{\"id\":\"a\",\"text\":\"Unii\"}\n",
    );
    let docs = stdout_json_lines(&out);
    assert_eq!(docs[0]["id"], "a");
    assert_eq!(docs[0]["tokens"][0]["analyses"][0]["lemma"], "Unia");
}

#[test]
fn eval_scores_a_slavicner_directory() {
    let dir = std::env::temp_dir().join(format!("polner-eval-{}", std::process::id()));
    let raw = dir.join("raw/demo/pl");
    let ner = dir.join("ner/demo/pl");
    std::fs::create_dir_all(&raw).unwrap();
    std::fs::create_dir_all(&ner).unwrap();
    std::fs::write(raw.join("d1.txt"), "Wczoraj w Krakowie i w Gdańsku.").unwrap();
    // gold: Krakowie (found), Gdańsku (found), plus a mention polner cannot know
    std::fs::write(
        ner.join("d1.tsv"),
        "10\t18\tKrakowie\tKraków\tLOC\tx1\n23\t30\tGdańsku\tGdańsk\tLOC\tx2\n0\t7\tWczoraj\tWczoraj\tEVT\tx3\n",
    )
    .unwrap();
    let errors = dir.join("errors.txt");
    let out = polner(
        &[
            "eval",
            dir.to_str().unwrap(),
            "--errors",
            errors.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8(out.stdout).unwrap();
    let all = report.lines().find(|l| l.starts_with("ALL")).unwrap();
    let cols: Vec<&str> = all.split_whitespace().collect();
    // precision 1.0, recall 2/3
    assert_eq!((cols[1], cols[2]), ("1.000", "0.667"), "{report}");
    assert!(
        std::fs::read_to_string(&errors)
            .unwrap()
            .contains("Wczoraj")
    );
}

#[test]
fn full_disk_on_output_is_a_clear_error() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full on this system");
        return;
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_polner"))
        .args(["extract"])
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Kraków i Gdańsk.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot write output") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn json_with_an_escaped_lone_surrogate_is_a_bad_line() {
    let input = "{\"id\":1,\"text\":\"a\\ud800b\"}\n{\"id\":2,\"text\":\"Łódź\"}\n";
    let out = polner(
        &["extract", "--input", "jsonl", "--skip-bad-lines"],
        input.as_bytes(),
    );
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("line 1: invalid JSON"),
        "{}",
        stderr(&out)
    );
    let docs = stdout_json_lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], 2);
}

#[test]
fn conll_output_round_trips_through_eval() {
    let text = "Jan Kowalski pojechał do Gdańska 15 października.\n\nSpotkał tam przedstawicieli Komisji Europejskiej.";
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": 1, "text": text}),
        serde_json::json!({"id": 2, "text": "W Krakowie."})
    );
    let out = polner(
        &["extract", "--input", "jsonl", "--format", "conll"],
        lines.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let conll = String::from_utf8(out.stdout).unwrap();
    assert!(conll.contains("Gdańska\tB-LOC"), "{conll}");
    assert_eq!(conll.matches("-DOCSTART-").count(), 2);
    let dir = std::env::temp_dir().join(format!("polner-conll-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gold.conll");
    std::fs::write(&path, &conll).unwrap();
    let out = polner(&["eval", "--format", "conll", path.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8(out.stdout).unwrap();
    let all: Vec<&str> = report
        .lines()
        .find(|l| l.starts_with("ALL"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(&all[1..4], ["1.000", "1.000", "1.000"], "{report}");
}

#[test]
fn html_output_is_one_self_contained_page() {
    let out = polner(
        &["extract", "--format", "html"],
        "Rada <Miasta> w Krakowie.".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    assert!(page.contains("&lt;Miasta&gt;"), "text is escaped");
    assert!(page.contains("data-lemma=\"Kraków\""), "{page}");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no external assets"
    );
}

/// (char start, char end, byte start, byte end, text, label, lemma, value) of
/// each entity.
type EntityKey = (u64, u64, u64, u64, String, String, String, Value);

fn entity_keys(doc: &Value) -> Vec<EntityKey> {
    doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start"].as_u64().unwrap(),
                e["end"].as_u64().unwrap(),
                e["byte_start"].as_u64().unwrap(),
                e["byte_end"].as_u64().unwrap(),
                e["text"].as_str().unwrap().to_string(),
                e["label"].as_str().unwrap().to_string(),
                e["lemma"].as_str().unwrap().to_string(),
                e["value"].clone(),
            )
        })
        .collect()
}

/// One paragraph with names, a date, an amount, diacritics and an emoji (so
/// that byte and character offsets differ).
const PARAGRAPH: &str = "Prezydent Warszawy spotkał się 15 października 2025 r. w Krakowie \
    z przedstawicielami Unii Europejskiej 👍🏽. Rozmowy dotyczyły 1,5 mln zł dla Gdańska \
    i Łodzi, a zażółć gęślą jaźń.";

#[test]
fn large_document_in_pieces_keeps_offsets_and_the_entities_of_each_part() {
    let alone = polner(
        &["extract", "--reference-date", "2025-10-20"],
        PARAGRAPH.as_bytes(),
    );
    assert!(alone.status.success(), "{}", stderr(&alone));
    let alone: Value = serde_json::from_slice(&alone.stdout).unwrap();
    let expected = entity_keys(&alone);
    assert!(expected.len() >= 5, "{expected:?}");
    // 40 copies, one paragraph each: about 9 kB, cut in pieces of at most 1000 bytes
    let unit = format!("{PARAGRAPH}\n\n");
    let text = unit.repeat(40);
    let args = [
        "extract",
        "--reference-date",
        "2025-10-20",
        "--tokens",
        "--piece-bytes",
        "1000",
    ];
    let out = polner(&args, text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    // the same shape as a small document's output
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let small = polner(&args, PARAGRAPH.as_bytes());
    let small: Value = serde_json::from_slice(&small.stdout).unwrap();
    assert_eq!(keys(&doc), keys(&small));
    assert_eq!(keys(&doc["topics"]), keys(&small["topics"]));
    assert_eq!(doc["id"], "<stdin>");
    // every entity is the slice of the input at its offsets
    let chars: Vec<char> = text.chars().collect();
    let found = entity_keys(&doc);
    for (s, e, bs, be, t, ..) in &found {
        let slice: String = chars[*s as usize..*e as usize].iter().collect();
        assert_eq!(&slice, t);
        assert_eq!(&text[*bs as usize..*be as usize], t);
    }
    // each copy has exactly the entities of the paragraph alone
    let (unit_chars, unit_bytes) = (unit.chars().count() as u64, unit.len() as u64);
    for copy in 0..40u64 {
        let (c0, b0) = (copy * unit_chars, copy * unit_bytes);
        let in_copy: Vec<EntityKey> = found
            .iter()
            .filter(|k| k.0 >= c0 && k.0 < c0 + unit_chars)
            .map(|k| {
                let mut k = k.clone();
                (k.0, k.1, k.2, k.3) = (k.0 - c0, k.1 - c0, k.2 - b0, k.3 - b0);
                k
            })
            .collect();
        assert_eq!(in_copy, expected, "copy {copy}");
    }
    // sentences and tokens run in order over the whole document
    let sentences = doc["sentences"].as_array().unwrap();
    assert_eq!(
        sentences.len(),
        40 * small["sentences"].as_array().unwrap().len()
    );
    let tokens = doc["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 40 * small["tokens"].as_array().unwrap().len());
    let last = tokens.last().unwrap();
    assert_eq!(last["end"].as_u64().unwrap() as usize, chars.len() - 2);
    assert_eq!(last["byte_end"].as_u64().unwrap() as usize, text.len() - 2);
    assert!(
        sentences
            .windows(2)
            .all(|w| w[0]["end"].as_u64() <= w[1]["start"].as_u64())
    );
    // topics: the paragraph's, merged over the pieces
    let lemmas = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e["lemma"].as_str().unwrap().to_string())
            .collect()
    };
    let salient = doc["topics"]["entities"].as_array().unwrap();
    assert!(lemmas(&doc["topics"]["entities"]).contains(&"Kraków".to_string()));
    let krakow = salient.iter().find(|e| e["lemma"] == "Kraków").unwrap();
    assert_eq!(krakow["count"], 40);
    assert!(doc["topics"]["categories"].as_array().unwrap().len() <= 3);
    // threads change nothing, jsonl output is one line with the same content
    let mut threaded: Vec<&str> = args.to_vec();
    threaded.extend(["--threads", "2"]);
    assert_eq!(polner(&threaded, text.as_bytes()).stdout, out.stdout);
    let mut compact: Vec<&str> = args.to_vec();
    compact.extend(["--format", "jsonl"]);
    let line = polner(&compact, text.as_bytes()).stdout;
    assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
    assert_eq!(serde_json::from_slice::<Value>(&line).unwrap(), doc);
}

#[test]
fn large_document_formats_and_errors() {
    let text = format!("{PARAGRAPH}\n\n").repeat(20);
    // html and conll: the same as the document in one piece, when no entity
    // depends on another part of the document
    for format in ["html", "conll"] {
        let whole = polner(&["extract", "--format", format], text.as_bytes());
        let pieces = polner(
            &["extract", "--format", format, "--piece-bytes", "700"],
            text.as_bytes(),
        );
        assert!(pieces.status.success(), "{}", stderr(&pieces));
        assert_eq!(
            String::from_utf8(pieces.stdout).unwrap(),
            String::from_utf8(whole.stdout).unwrap()
        );
    }
    // several files: a large one between small ones, in order, in an array
    let dir = std::env::temp_dir().join(format!("polner-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b, c) = (dir.join("a.txt"), dir.join("b.txt"), dir.join("c.txt"));
    std::fs::write(&a, "W Krakowie.").unwrap();
    std::fs::write(&b, &text).unwrap();
    std::fs::write(&c, "W Gdańsku.").unwrap();
    let files = [
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        c.to_str().unwrap(),
    ];
    let mut args = vec!["extract", "--piece-bytes", "700", "--threads", "2"];
    args.extend(files);
    let out = polner(&args, b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let docs: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, files);
    assert_eq!(docs[1]["entities"].as_array().unwrap().len() % 20, 0);
    // invalid UTF-8 in a later piece: the offset in the whole file
    let mut bad = text.clone().into_bytes();
    let at = bad.len() - 10;
    bad[at] = 0xff;
    let out = polner(&["extract", "--piece-bytes", "700"], &bad);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("<stdin>: invalid UTF-8 at byte offset {at}")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn long_jsonl_text_is_processed_in_pieces_with_its_id_and_date() {
    let text = format!("{PARAGRAPH}\n\n").repeat(20);
    let lines = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": 1, "text": PARAGRAPH, "date": "2025-10-20"}),
        serde_json::json!({"id": 2, "text": text, "date": "2025-10-20"}),
        serde_json::json!({"id": 3, "text": "W Gdańsku."}),
    );
    let out = polner(
        &["extract", "--input", "jsonl", "--piece-bytes", "700"],
        lines.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = stdout_json_lines(&out);
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[1]["id"], 2);
    let expected = entity_keys(&docs[0]);
    let found = entity_keys(&docs[1]);
    assert_eq!(found.len(), 20 * expected.len());
    assert_eq!(found[..expected.len()], expected[..]);
    let chars: Vec<char> = text.chars().collect();
    for (s, e, bs, be, t, ..) in &found {
        assert_eq!(
            &chars[*s as usize..*e as usize].iter().collect::<String>(),
            t
        );
        assert_eq!(&text[*bs as usize..*be as usize], t);
    }
    // the line's date is the reference date of every piece
    let dates: Vec<&Value> = found
        .iter()
        .filter(|k| k.5 == "DATE")
        .map(|k| &k.7)
        .collect();
    assert_eq!(dates.len(), 20);
    assert!(dates.iter().all(|v| *v == "2025-10-15"), "{dates:?}");
    assert_eq!(docs[2]["entities"][0]["lemma"], "Gdańsk");
}
