#!/usr/bin/python3
# @brief The relevance benchmark: the judged query set of queries.tsv run against coopdec and two stock baselines.
#
# Engines, all on the bundled corpus and its coopdec index:
#   coopdec  build/bin/coopdec-search --db INDEX --json --per-page 10 QUERY,
#            the ranked document ids being results[].id; a query it rejects
#            counts as returning nothing (its message is recorded).
#   xapian   stock Xapian: one document per corpus XML file holding the
#            file's text nodes, TermGenerator with Stem("french") and
#            STEM_SOME, QueryParser with its default flags and operator (OR),
#            the same stemmer and strategy, BM25 (Enquire's default), top 10.
#   fts5     SQLite FTS5: one row per file (same text), tokenize
#            'unicode61 remove_diacritics 2', the query an OR of its words
#            (each double-quoted, punctuation stripped), ORDER BY bm25(),
#            top 10.
# The baselines name a file by the coopdec document id that the coopdec index
# records for it (metadata "coopdec:file:<path>" → "sig\tid\t…", see
# common/schema.h kFileKeyPrefix), so every engine answers with the same ids.
#
# Measures, per engine, over the answerable queries (relevant ≠ « - »):
# success@1 and success@10 (an acceptable document among the first 1 / 10),
# MRR (1/rank of the first acceptable document in the top 10, else 0) and the
# zero-hit rate; over the no-answer queries, how many returned nothing. The
# same per category and per kind of user.
#
# Runs with Debian's /usr/bin/python3 (its xapian module: package
# python3-xapian; sqlite3 with FTS5 from the standard library). Exit status:
# 0; 1 when --gate finds coopdec below a committed figure; 2 on bad input (a
# malformed query file, a judged set that no longer matches the corpus, a
# missing program, an index that cannot be built).

import argparse
import datetime
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
ENGINES = ("coopdec", "xapian", "fts5")
TOP = 10
FILE_KEY_PREFIX = "coopdec:file:"  # common/schema.h kFileKeyPrefix


class BenchError(Exception):
    """Bad input or environment: reported in French, exit status 2."""


def read_queries(path):
    """The judged set: a list of dicts id, user, category, query, relevant
    (a list of ids; empty for a no-answer query). Raises BenchError with
    FILE:LINE on a malformed line, a repeated id or a missing header."""
    queries, seen, header = [], set(), None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                if header != ["id", "user", "category", "query", "relevant"]:
                    raise BenchError(f"{path}:{n}: en-tête attendu « id user category query relevant »")
                continue
            if len(cols) != 5 or not all(c.strip() for c in cols):
                raise BenchError(f"{path}:{n}: 5 colonnes non vides attendues, séparées par des tabulations")
            qid, user, category, text, relevant = cols
            if qid in seen:
                raise BenchError(f"{path}:{n}: identifiant « {qid} » répété")
            seen.add(qid)
            rel = [] if relevant == "-" else relevant.split("|")
            if (category == "no-answer") != (not rel):
                raise BenchError(f"{path}:{n}: une requête « no-answer » et elle seule a « - » pour documents")
            queries.append(dict(id=qid, user=user, category=category, query=text, relevant=rel))
    if not queries:
        raise BenchError(f"{path}: aucune requête")
    return queries


# --- the coopdec index and the map from files to document ids ---------------

def build_index(bin_dir, corpus, db):
    """Indexes the corpus into db with coopdec-index (quietly)."""
    exe = os.path.join(bin_dir, "coopdec-index")
    if not os.access(exe, os.X_OK):
        raise BenchError(f"programme introuvable : {exe} (construisez coopdec-index)")
    r = subprocess.run([exe, "--quiet", "--db", db, corpus], capture_output=True, text=True)
    if r.returncode != 0:
        raise BenchError(f"coopdec-index a échoué ({r.returncode}) : {r.stderr.strip()}")


def file_ids(db_path):
    """{real path of a corpus file: coopdec document id}, from the index's
    metadata. Files the index has forgotten (an empty value) are left out."""
    import xapian
    db = xapian.Database(db_path)
    out = {}
    for key in db.metadata_keys(FILE_KEY_PREFIX):
        value = db.get_metadata(key).decode("utf-8")
        fields = value.split("\t")
        if len(fields) >= 2 and fields[1]:
            out[os.path.realpath(key.decode("utf-8")[len(FILE_KEY_PREFIX):])] = fields[1]
    if not out:
        raise BenchError(f"{db_path} : aucun fichier dans l'index (métadonnées {FILE_KEY_PREFIX}…)")
    return out


def file_texts(ids):
    """[(document id, text)]: every text node of each file, in document
    order, joined by spaces (attributes and comments left out)."""
    docs = []
    for path in sorted(ids):
        root = ET.parse(path).getroot()
        docs.append((ids[path], " ".join(t.strip() for t in root.itertext() if t.strip())))
    return docs


def fold(text):
    """Lower case without accents (« Décentralisée » → « decentralisee »)."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def check_judgements(queries, ids):
    """Raises BenchError when the judged set no longer matches the corpus: an
    acceptable document the index does not hold (a renamed or removed
    document), or a word of a no-answer query that some file contains, in any
    form (accents and case folded, inside a longer word, in an attribute)."""
    known = set(ids.values())
    for q in queries:
        missing = [d for d in q["relevant"] if d not in known]
        if missing:
            raise BenchError(f"{q['id']} : document(s) absent(s) de l'index : {', '.join(missing)}")
    contents = {}
    for q in queries:
        if q["relevant"]:
            continue
        if not contents:
            for path in ids:
                with open(path, encoding="utf-8") as f:
                    contents[path] = fold(f.read())
        for w in re.findall(r"[^\W_]+", fold(q["query"])):
            found = [p for p, c in contents.items() if w in c]
            if found:
                raise BenchError(f"{q['id']} doit ne rien trouver, mais « {w} » figure dans {found[0]}")


# --- the engines: each takes a query string, returns (ids, error or None) ---

def coopdec_engine(bin_dir, db):
    exe = os.path.join(bin_dir, "coopdec-search")
    if not os.access(exe, os.X_OK):
        raise BenchError(f"programme introuvable : {exe} (construisez coopdec-search)")

    def run(query):
        r = subprocess.run([exe, "--db", db, "--json", "--per-page", str(TOP), query],
                           capture_output=True, text=True)
        try:
            answer = json.loads(r.stdout) if r.stdout.strip() else {}
        except json.JSONDecodeError:
            answer = {}
        if r.returncode != 0 or "error" in answer:
            message = answer.get("error") or r.stderr.strip() or f"code de sortie {r.returncode}"
            return [], message
        return [d["id"] for d in answer.get("results", [])][:TOP], None
    return run


def xapian_engine(docs):
    import xapian
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    stemmer = xapian.Stem("french")
    tg = xapian.TermGenerator()
    tg.set_stemmer(stemmer)
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    for doc_id, text in docs:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(text)
        doc.set_data(doc_id)
        db.add_document(doc)
    qp = xapian.QueryParser()
    qp.set_stemmer(stemmer)
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)

    def run(query):
        try:
            q = qp.parse_query(query)
        except xapian.QueryParserError as e:
            return [], str(e)
        enquire = xapian.Enquire(db)
        enquire.set_query(q)
        return [m.document.get_data().decode("utf-8") for m in enquire.get_mset(0, TOP)], None
    return run


def fts5_engine(docs):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, "
                "tokenize='unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO docs(id, body) VALUES (?, ?)", docs)

    def run(query):
        words = re.findall(r"[^\W_]+", query)
        if not words:
            return [], None
        match = " OR ".join('"' + w + '"' for w in words)
        try:
            rows = con.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
                               (match, TOP)).fetchall()
        except sqlite3.Error as e:
            return [], str(e)
        return [r[0] for r in rows], None
    return run


# --- measures ---------------------------------------------------------------

def rank_of(results, relevant):
    """1-based rank of the first acceptable document, or None."""
    for i, d in enumerate(results, 1):
        if d in relevant:
            return i
    return None


def measure(rows, engine):
    """Figures of one engine over rows (query dicts holding their runs)."""
    answerable = [r for r in rows if r["relevant"]]
    empty = [r for r in rows if not r["relevant"]]
    n = len(answerable)
    ranks = [r["runs"][engine]["rank"] for r in answerable]
    m = dict(answerable=n, no_answer=len(empty))
    if n:
        m["success_at_1"] = sum(1 for k in ranks if k == 1) / n
        m["success_at_10"] = sum(1 for k in ranks if k) / n
        m["mrr"] = sum(1 / k for k in ranks if k) / n
        m["zero_hit_rate"] = sum(1 for r in answerable if not r["runs"][engine]["results"]) / n
    if empty:
        m["no_answer_empty"] = sum(1 for r in empty if not r["runs"][engine]["results"])
    return m


def fmt(x):
    return "–" if x is None else f"{x:.3f}"


def markdown(queries, engines, summary, date, command):
    out = [f"Relevance benchmark, {date}: {len(queries)} queries "
           f"({sum(1 for q in queries if q['relevant'])} answerable, "
           f"{sum(1 for q in queries if not q['relevant'])} that must find nothing); "
           f"`{command}`", ""]
    out += ["| engine | success@1 | success@10 | MRR | zero-hit (answerable) | no-answer queries returning nothing |",
            "|---|---|---|---|---|---|"]
    for e in engines:
        m = summary[e]["all"]
        out.append(f"| {e} | {fmt(m.get('success_at_1'))} | {fmt(m.get('success_at_10'))} | "
                   f"{fmt(m.get('mrr'))} | {fmt(m.get('zero_hit_rate'))} | "
                   f"{m.get('no_answer_empty', 0)}/{m['no_answer']} |")
    for group, title in (("category", "Per category"), ("user", "Per kind of user")):
        out += ["", f"{title} (success@1 / success@10 / MRR; no-answer: queries returning nothing):", ""]
        out.append("| " + group + " | queries | " + " | ".join(engines) + " |")
        out.append("|---|---|" + "---|" * len(engines))
        for key, per in summary[engines[0]][group].items():
            cells = []
            for e in engines:
                m = summary[e][group][key]
                if m["answerable"]:
                    cells.append(f"{fmt(m['success_at_1'])} / {fmt(m['success_at_10'])} / {fmt(m['mrr'])}")
                else:
                    cells.append(f"{m.get('no_answer_empty', 0)}/{m['no_answer']} empty")
            out.append(f"| {key} | {per['answerable'] + per['no_answer']} | " + " | ".join(cells) + " |")
    if "coopdec" in engines and len(engines) > 1:
        lost = [q for q in queries if q["relevant"] and not q["runs"]["coopdec"]["rank"]
                and any(q["runs"][e]["rank"] for e in engines if e != "coopdec")]
        out += ["", f"Queries where coopdec has no acceptable document in its top 10 and a baseline has ({len(lost)}):", ""]
        for q in lost:
            who = ", ".join(f"{e} {q['runs'][e]['rank']}" for e in engines if e != "coopdec" and q["runs"][e]["rank"])
            out.append(f"- {q['id']} « {q['query']} » ({q['category']}; {who})")
    if "coopdec" in engines:
        zero = [q for q in queries if q["relevant"] and not q["runs"]["coopdec"]["results"]]
        out += ["", f"Answerable queries for which coopdec returns nothing ({len(zero)}):", ""]
        for q in zero:
            err = q["runs"]["coopdec"]["error"]
            out.append(f"- {q['id']} « {q['query']} » ({q['category']})" + (f" — refused: {err}" if err else ""))
    return "\n".join(out) + "\n"


def check_gate(path, summary):
    """Messages, in French, for each committed figure coopdec is below."""
    try:
        with open(path, encoding="utf-8") as f:
            gate = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        raise BenchError(f"{path} : seuils illisibles ({e})")
    m = summary["coopdec"]["all"]
    failures = []
    for key in ("success_at_10", "mrr"):
        if key not in gate:
            raise BenchError(f"{path} : seuil « {key} » manquant")
        # Figures are compared at the precision they are written with.
        if round(m[key], 3) < gate[key]:
            failures.append(f"{key} de coopdec en baisse : {m[key]:.3f} < {gate[key]:.3f} (seuil de {path})")
    return failures


def main():
    ap = argparse.ArgumentParser(description="Banc de pertinence : les requêtes jugées de queries.tsv, "
                                 "sur coopdec et deux moteurs de référence.")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--bin-dir", default=os.path.join(SOURCE, "build", "bin"))
    ap.add_argument("--corpus", default=os.path.join(SOURCE, "corpus"))
    ap.add_argument("--db", help="index coopdec du corpus (construit dans un dossier temporaire s'il manque)")
    ap.add_argument("--engines", default=",".join(ENGINES), help="parmi coopdec,xapian,fts5")
    ap.add_argument("--markdown", metavar="FILE")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--gate", metavar="FILE", help="seuils de coopdec (gate.json) : code 1 en dessous")
    args = ap.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    try:
        unknown = [e for e in engines if e not in ENGINES]
        if unknown or not engines:
            raise BenchError(f"moteur inconnu : {', '.join(unknown) or '(aucun)'} (possibles : {', '.join(ENGINES)})")
        if args.gate and "coopdec" not in engines:
            raise BenchError("--gate mesure coopdec : ajoutez-le à --engines")
        queries = read_queries(args.queries)
        with tempfile.TemporaryDirectory(prefix="coopdec-relevance-") as tmp:
            db = args.db or os.path.join(tmp, "index")
            if not os.path.exists(db):
                build_index(args.bin_dir, args.corpus, db)
            ids = file_ids(db)
            check_judgements(queries, ids)
            docs = file_texts(ids) if set(engines) - {"coopdec"} else None
            runners = {}
            for e in engines:
                if e == "coopdec":
                    runners[e] = coopdec_engine(args.bin_dir, db)
                else:
                    runners[e] = xapian_engine(docs) if e == "xapian" else fts5_engine(docs)
            for q in queries:
                q["runs"] = {}
                for e in engines:
                    results, error = runners[e](q["query"])
                    q["runs"][e] = dict(results=results, rank=rank_of(results, q["relevant"]), error=error)
    except BenchError as e:
        print(f"run.py : {e}", file=sys.stderr)
        return 2

    summary = {}
    for e in engines:
        summary[e] = {"all": measure(queries, e), "category": {}, "user": {}}
        for group in ("category", "user"):
            for key in dict.fromkeys(q[group] for q in queries):
                summary[e][group][key] = measure([q for q in queries if q[group] == key], e)
    date = datetime.date.today().isoformat()
    command = "bench/relevance/run.py" + ("" if engines == list(ENGINES) else " --engines " + ",".join(engines))
    text = markdown(queries, engines, summary, date, command)
    sys.stdout.write(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(dict(date=date, engines=engines, summary=summary, queries=queries),
                      f, ensure_ascii=False, indent=1)
            f.write("\n")
    if args.gate:
        try:
            failures = check_gate(args.gate, summary)
        except BenchError as e:
            print(f"run.py : {e}", file=sys.stderr)
            return 2
        for msg in failures:
            print(f"run.py : {msg}", file=sys.stderr)
        if failures:
            return 1
        print(f"Seuils de {args.gate} atteints.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
