#!/usr/bin/env bash
# language_test.sh - Russian and Chinese end to end: train a tiny model per
# language from the hand-written fixtures tests/data/{en,ru,zh}-fixture.csv
# (eight clauses per theme in Russian and Chinese, five in English), then
# check that `classify --language auto` reads each input with the default
# model of its script.  The default models are looked up in a folder of this
# test ($THEMES_MODEL_DIR), never in models/.
#
# Usage: language_test.sh PATH/TO/themes REPO_ROOT
#
# Each routing check compares the rows of an auto run with those of runs
# that name the model with -m: the scores tell the models apart.  Prints
# "N passed, N failed" and exits non-zero when a check fails.
set -u

THEMES=${1:?usage: language_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: language_test.sh THEMES_BINARY REPO_ROOT}
[ -x "$THEMES" ] || { echo "language_test: $THEMES is not executable" >&2; exit 2; }
DATA="$ROOT/tests/data"
CODEBOOK="$ROOT/corpus/themes.codebook"

. "$(dirname "$0")/harness.sh"
harness_tmpdir language-test
unset THEMES_MODEL
MODELS="$TMP/models"
export THEMES_MODEL_DIR="$MODELS"
mkdir -p "$MODELS"

# same A B: the two files hold the same bytes.
same() { cmp -s "$TMP/$1" "$TMP/$2" || { diff "$TMP/$1" "$TMP/$2" | head -5 >&2; false; }; }
# rows NAME: the rows of $TMP/NAME.out without the header.
rows() { tail -n +2 "$TMP/$1.out"; }

# ---------------------------------------------------------------------
# Training in each language
# ---------------------------------------------------------------------
for entry in english:en:default russian:ru:default-ru chinese:zh:default-zh; do
	IFS=: read -r language code file <<<"$entry"
	run 0 "train-$language" train -q --codebook "$CODEBOOK" \
		--language "$language" "$DATA/$code-fixture.csv" -o "$MODELS/$file.model"
	check "the $language model records its language" \
		grep -qx "language $language" "$MODELS/$file.model"
done
ZH="$MODELS/default-zh.model" RU="$MODELS/default-ru.model" EN="$MODELS/default.model"
# The terms of a model, one a line.
vocabulary() { sed -n '/^vocabulary /,/^classes /p' "$1" | cut -s -f2; }
# Every term of the Chinese fixture, for the checks of its terms.
run 0 train-zh-all-terms train -q --codebook "$CODEBOOK" --language chinese \
	--min-df 1 "$DATA/zh-fixture.csv" -o "$TMP/zh-terms.model"
vocabulary "$TMP/zh-terms.model" >"$TMP/zh.terms"
check "Chinese terms are characters and character pairs (中俄 is a bigram)" \
	grep -qx "中 俄" "$TMP/zh.terms"
check "Latin words in Chinese stay words (AUKUS)" grep -qx "aukus" "$TMP/zh.terms"
check "full-width letters and digits are read as ASCII (Ｇ２０ -> g20)" \
	grep -qx "g20" "$TMP/zh.terms"
check "no Chinese term pairs a Latin word or number with a Han character" \
	test -z "$(grep -P '[a-z0-9].* .*\p{Han}|\p{Han}.* .*[a-z0-9]' "$TMP/zh.terms")"
check "no Chinese bigram crosses punctuation (结算，深化: no 算 深)" \
	test -z "$(grep -x '算 深' "$TMP/zh.terms")"
check "no Chinese bigram crosses a dropped stop character (上的立场: no 上 立)" \
	test -z "$(grep -x '上 立' "$TMP/zh.terms")"
check "a Han run gives its neighbouring pairs (立场)" grep -qx "立 场" "$TMP/zh.terms"
check "the Chinese model stores the stop characters" \
	grep -qx "的" "$ZH"
check "Russian terms are Snowball stems, with ё read as е" \
	test -z "$(vocabulary "$RU" | grep 'ё')"
check "the Russian model stores the Russian stop words, keeping не and против" \
	test "$(grep -cx -e 'и' -e 'не' -e 'против' "$RU")" = 1
run 0 train-zh-no-stop train -q --codebook "$CODEBOOK" --language chinese \
	--no-stop-words "$DATA/zh-fixture.csv" -o "$TMP/zh-all.model"
check "--no-stop-words leaves the Chinese stop list empty" \
	grep -qx "stop_word_list 0" "$TMP/zh-all.model"
run 0 cv-chinese eval --cv 4 --language chinese "$DATA/zh-fixture.csv"
run 0 train-help train --help
for language in english russian chinese; do
	has train-help.out "$language"
done
run 2 bad-language train -q -l klingon "$DATA/ru-fixture.csv" -o "$TMP/x.model"
has bad-language.err "english, russian, chinese"

# ---------------------------------------------------------------------
# classify --language auto
# ---------------------------------------------------------------------
printf 'id,text\ne1,Russia supports the Global Development Initiative.\ne2,The sides oppose unilateral sanctions.\n' >"$TMP/en.csv"
printf 'id,text\nr1,Россия поддерживает Глобальную инициативу развития.\nr2,Стороны выступают против односторонних санкций.\n' >"$TMP/ru.csv"
printf 'id,text\nz1,俄方支持全球发展倡议。\nz2,双方反对单边制裁。\n' >"$TMP/zh.csv"
for x in en ru zh; do
	model=$EN
	[ $x = ru ] && model=$RU
	[ $x = zh ] && model=$ZH
	run 0 "m-$x" classify -m "$model" "$TMP/$x.csv"
	rows "m-$x" >>"$TMP/expected.rows"
	run 0 "ru-model-$x" classify -m "$RU" "$TMP/$x.csv"
	rows "ru-model-$x" >>"$TMP/all-ru.rows"
done
check "each model gives its own language's clauses a theme" \
	test -z "$(grep ',,0.0000' "$TMP/expected.rows")"
run 0 auto classify "$TMP/en.csv" "$TMP/ru.csv" "$TMP/zh.csv"
rows auto >"$TMP/auto.rows"
check "auto: each input is read by the default model of its script" \
	same auto.rows expected.rows
run 0 auto-explicit classify --language auto "$TMP/en.csv" "$TMP/ru.csv" "$TMP/zh.csv"
check "--language auto is the default" same auto.out auto-explicit.out
run 0 auto-stdin classify - <"$TMP/zh.csv"
check "standard input is routed too" same auto-stdin.out m-zh.out
run 0 en-only classify "$TMP/en.csv"
check "English inputs alone: default.model" same en-only.out m-en.out

run 0 fixed classify --language russian "$TMP/en.csv" "$TMP/ru.csv" "$TMP/zh.csv"
rows fixed >"$TMP/fixed.rows"
check "--language russian: the Russian model reads every input" \
	same fixed.rows all-ru.rows
run 0 m-all classify -m "$RU" "$TMP/en.csv" "$TMP/ru.csv" "$TMP/zh.csv"
check "-m: that model reads every input" same m-all.out fixed.out
THEMES_MODEL="$RU" run 0 env classify "$TMP/en.csv" "$TMP/ru.csv" "$TMP/zh.csv"
check "\$THEMES_MODEL: that model reads every input" same env.out fixed.out
THEMES_MODEL="$RU" run 0 env-auto classify --language auto \
	"$TMP/en.csv" "$TMP/ru.csv" "$TMP/zh.csv"
check "an explicit --language overrides \$THEMES_MODEL" same env-auto.out auto.out

# Statements: segmented, routed, profiled with each model's confusions.
printf 'Совместное заявление\n\nСтороны выступают против односторонних санкций и расширения НАТО. Россия поддерживает Глобальную инициативу развития. Стороны выступают за многополярный мир. Народы понесли огромные жертвы ради победы над фашизмом.\n\nСтороны продлили Договор о дружбе ещё на пять лет. Суверенитет и территориальная целостность должны уважаться. БРИКС и ШОС следует укреплять. Россия приветствует инициативу «Один пояс, один путь».\n' >"$TMP/ru.txt"
printf '联合声明\n\n双方反对单边制裁和北约扩张。俄方支持中方提出的全球发展倡议。双方主张世界多极化。两国人民为战胜法西斯付出了巨大牺牲。\n\n双方同意将条约再延长五年。各国主权和领土完整应得到尊重。应加强金砖国家和上海合作组织。俄方欢迎“一带一路”倡议。\n' >"$TMP/zh.txt"
run 0 st-auto classify --statement --profile "$TMP/auto.profile" \
	"$TMP/ru.txt" "$TMP/zh.txt"
run 0 st-ru classify --statement --profile "$TMP/ru.profile" -m "$RU" "$TMP/ru.txt"
run 0 st-zh classify --statement --profile "$TMP/zh.profile" -m "$ZH" "$TMP/zh.txt"
{ rows st-ru; rows st-zh; } >"$TMP/st-expected.rows"
rows st-auto >"$TMP/st-auto.rows"
check "statements are routed by script" same st-auto.rows st-expected.rows
{ cat "$TMP/ru.profile"; tail -n +2 "$TMP/zh.profile"; } >"$TMP/expected.profile"
check "each statement's profile is adjusted with its own model's confusions" \
	same auto.profile expected.profile

# ---------------------------------------------------------------------
# --explain shows the clause's own words, not stems or spaced characters
# ---------------------------------------------------------------------
# explained NAME: the words of NAME.out's explanation, one per line.
explained() {
	python3 -c 'import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    for part in filter(None, row["explanation"].split(";")):
        print(part.rsplit(":", 1)[0])' "$TMP/$1.out"
}
ru_clause="Стороны выступают за глобальную безопасность и поддерживают инициативу развития."
zh_clause="双方反对霸权主义，支持全球合作与共同发展。"
printf '%s\n' "$ru_clause" >"$TMP/explain-ru.txt"
printf '%s\n' "$zh_clause" >"$TMP/explain-zh.txt"
run 0 explain-ru classify -m "$RU" --explain 40 "$TMP/explain-ru.txt"
run 0 explain-zh classify -m "$ZH" --explain 40 "$TMP/explain-zh.txt"
explained explain-ru >"$TMP/ru.words"
explained explain-zh >"$TMP/zh.words"
check "a Russian explanation names words" test -s "$TMP/ru.words"
check_sh "every Russian word shown is written so in the clause" \
	'while IFS= read -r w; do for part in $w; do case "$ru_clause" in *"$part"*) ;; *) exit 1;; esac; done; done <"$TMP/ru.words"'
check "a Russian stem is shown as its word (инициативу, not инициатив)" \
	grep -qx "инициативу" "$TMP/ru.words"
check "a Chinese character bigram is shown as written (合作, not 合 作)" \
	grep -qx "合作" "$TMP/zh.words"
check "no Chinese explanation has a space inside a Han pair" \
	test -z "$(grep -P '\p{Han} \p{Han}' "$TMP/zh.words")"
check_sh "every Chinese term shown is written so in the clause" \
	'while IFS= read -r w; do case "$zh_clause" in *"$w"*) ;; *) exit 1;; esac; done <"$TMP/zh.words"'

# ---------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------
mkdir -p "$TMP/no-zh"
cp "$EN" "$RU" "$TMP/no-zh/"
THEMES_MODEL_DIR="$TMP/no-zh" run 1 missing-zh classify "$TMP/en.csv" "$TMP/zh.csv"
has missing-zh.err "$TMP/no-zh/default-zh.model"
has missing-zh.err "-m MODEL"
has missing-zh.err "$TMP/zh.csv"
check "a missing model writes no rows" test ! -s "$TMP/missing-zh.out"

# Trained without --codebook, the labels come in bytewise order: not the
# order of the other models, so one run cannot mix them.
mkdir -p "$TMP/mixed"
cp "$EN" "$TMP/mixed/"
run 0 train-zh-bytewise train -q --language chinese "$DATA/zh-fixture.csv" \
	-o "$TMP/mixed/default-zh.model"
THEMES_MODEL_DIR="$TMP/mixed" run 1 mixed-labels classify "$TMP/en.csv" "$TMP/zh.csv"
has mixed-labels.err "different labels"
has mixed-labels.err "-m"
THEMES_MODEL_DIR="$TMP/mixed" run 0 mixed-one classify "$TMP/zh.csv"

run 2 m-and-language classify -m "$RU" --language auto "$TMP/ru.csv"
run 2 bad-classify-language classify --language german "$TMP/ru.csv"
has bad-classify-language.err "auto, english, russian or chinese"

harness_summary
