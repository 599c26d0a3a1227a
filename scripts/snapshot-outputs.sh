#!/usr/bin/env bash
# Writes every report the tool produces on the shipped samples and the project corpus into DIR, so
# that a refactor can show its behaviour is byte-identical:
#   bash scripts/snapshot-outputs.sh /tmp/before   # on the old commit (after npm run build)
#   bash scripts/snapshot-outputs.sh /tmp/after    # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
# DOCX outputs are zip archives with timestamps inside, so their extracted XML is compared instead.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: snapshot-outputs.sh DIR}
rm -rf "$out"; mkdir -p "$out"
cc() { node bin/clausecheck.js "$@"; }
run() { # run NAME ARGS...: stdout, stderr and exit code of one command
  local name=$1; shift
  cc "$@" >"$out/$name.out" 2>"$out/$name.err"; echo $? >"$out/$name.rc"
}
unzipdocx() { # keep the XML parts of a DOCX, not the archive bytes
  local f=$1 d=$2; mkdir -p "$d"; [ -f "$f" ] && unzip -qo "$f" 'word/*.xml' -d "$d"; rm -f "$f"
}
# Paths printed in reports must not depend on DIR: scratch files live in a fixed repo-relative folder.
tmp=.snapshot; rm -rf "$tmp"; mkdir -p "$tmp"
contracts=(samples/*.pdf samples/*.docx samples/*.txt)
corpus=(test/corpus/docs/*)
for f in text md html json sarif; do
  run "samples.$f" check "${contracts[@]}" --format "$f" --fail-on none
  run "corpus.$f" check "${corpus[@]}" --format "$f" --fail-on none
done
run samples.provider.json check "${contracts[@]}" --format json --playbook ai-provider --fail-on none
run samples.none.json check "${contracts[@]}" --format json --playbook none --fail-on none
run samples.failon check samples/weak-vendor-msa.txt
cp samples/weak-vendor-msa.docx "$tmp/msa.docx"
run redline check "$tmp/msa.docx" --redline "$tmp/redline.docx" --fail-on none
unzipdocx "$tmp/redline.docx" "$out/redline"
for f in md html; do run "clauses.$f" clauses --playbook ai-buyer --format "$f"; done
run clauses.provider.md clauses --playbook ai-provider --only 'AD-*' --position fallback --format md
run clauses.docx clauses --playbook ai-buyer -o "$tmp/addendum.docx"; unzipdocx "$tmp/addendum.docx" "$out/addendum"
cc check samples/weak-vendor-msa.pdf --format json --fail-on none -o "$tmp/weak.json"
run clauses.from-report clauses --from-report "$tmp/weak.json" --format md
for f in csv json yaml; do run "qtemplate.$f" questionnaire template --format "$f"; done
for q in samples/questionnaires/*.csv samples/questionnaires/meridian-speech.yaml; do
  n=$(basename "$q"); run "q.$n" questionnaire check "$q" --contract samples/weak-vendor-msa.pdf
  run "q.$n.json" questionnaire check "$q" --contract samples/weak-vendor-msa.pdf --format json
done
run q.kestrel questionnaire check samples/questionnaires/kestrel-vision-caiq.xlsx \
  --mapping samples/questionnaires/caiq-style-mapping.yaml --contract samples/software-licence-export.pdf
run q.halyard questionnaire check samples/questionnaires/halyard-labs.xlsx --format json
for l in lists/sample-csl.csv lists/sample-csl.json lists/sample-sdn.csv; do run "screen.$(basename "$l")" screen "Crimson Lattice Computing Limited" --country CN --list "$l" --format json; done
for p in samples/portfolio/*/vendor.yaml; do
  v=$(basename "$(dirname "$p")")
  run "assess.$v" assess --profile "$p" -l lists/sample-csl.csv --as-of 2025-07-01
  run "assess.$v.json" assess --profile "$p" -l lists/sample-csl.csv --as-of 2025-07-01 --format json
done
for f in text md html json; do
  run "portfolio.$f" portfolio samples/portfolio -l lists/sample-csl.csv --allowlist samples/portfolio/allowlist.yaml --as-of 2025-07-01 --format "$f"
done
run rules.lint rules lint
run rules.test rules test
# Error paths: one line, exit 2.
run err.missing check does-not-exist.pdf
run err.option check samples/weak-vendor-msa.txt --no-such-option
rm -rf "$tmp"
echo "snapshot: $(ls "$out" | wc -l) entries in $out"
