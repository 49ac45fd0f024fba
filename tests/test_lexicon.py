"""The owner's lexicon (TOML): words, literal and regex rules, errors with file and line, reader.toml
discovery, its use by normalize/build_script and the CLI, and `reader lexicon suggest`."""

import pytest

from reader.article import Article, Block
from reader.cli import main
from reader.errors import UsageError
from reader.lexicon import find_site_config, lexicon_for, load_lexicon, parse_lexicon
from reader.speech import build_script, normalize
from reader.speech.suggest import suggest

from speech_articles import SEED_NOTES, seed_article

LEXICON = """
[lexicon]
"DeepSeek" = "Diepsiek"
"GC Cooke" = "Dschi Ssi Kuck"

[[lexicon.rules]]
match = "ki-agenten.de"
say = "KI Agenten Punkt de"
case_sensitive = false

[[lexicon.rules]]
match = 'Dr\\. med\\. (\\w+)'
say = 'Doktor der Medizin \\1'
regex = true

[[lexicon.rules]]
match = "bot"
say = "Robot"
whole_word = false
"""


def test_words_and_rules_apply_before_the_built_in_rules():
    lexicon = parse_lexicon(LEXICON, "test.toml")
    assert len(lexicon) == 5
    said = normalize("DeepSeek und GC Cooke auf KI-Agenten.DE: Dr. med. Meier, 5 Chatbots.", lexicon=lexicon)
    # "KI" in the owner's spoken form is then read by the built-in acronym rule.
    assert said == "Diepsiek und Dschi Ssi Kuck auf Ka-I Agenten Punkt de: Doktor der Medizin Meier, fünf ChatRobots."


def test_whole_word_and_case_sensitive_by_default():
    lexicon = parse_lexicon('"Tech" = "Täck"\n', "x.toml")
    assert normalize("Tech, Technik, tech", lexicon=lexicon) == "Täck, Technik, tech"


def test_a_plain_lexicon_file_needs_no_lexicon_table(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text('"Deepseek" = "Diepsiek"\n[[rules]]\nmatch = "X"\nsay = "Ex"\n', encoding="utf-8")
    lexicon = load_lexicon(path)
    assert normalize("Deepseek auf X", lexicon=lexicon) == "Diepsiek auf Ex"


@pytest.mark.parametrize("text, line, words", [
    ('"a" = "b"\n"c" = \n', 2, "not valid TOML"),
    ('"a" = "b"\n\n[[rules]]\nmatch = "x("\nsay = "y"\nregex = true\n', 4, "bad regular expression"),
    ('[[rules]]\nmatch = "x"\nsay = "y"\n\n[[rules]]\nsay = "y"\n', 5, "needs 'match'"),
    ('[[rules]]\nmatch = "x"\nsay = "y"\nwhole = true\n', 1, "unknown key 'whole'"),
    ('[[rules]]\nmatch = "(x)"\nsay = "\\\\2"\nregex = true\n', 2, "group 2"),
    ('"a" = "b"\n"c" = 3\n', 2, "spoken form of 'c'"),
    ('# Lexikon: A steht hier\n"B" = "x"\n"A" = 5\n', 3, "spoken form of 'A'"),
    ('"a" = "b"\n\n[[rules]]   # first\nmatch = "x"\nsay = "y"\n\n[[rules]]   # second\nmatch = "x("\nsay = "y"\n'
     'regex = true\n', 8, "bad regular expression"),
    ('[[rules]]\nmatch = "(x)"\nsay = "\\\\q"\nregex = true\n', 2, "bad escape"),
    ('[[rules]]\nmatch = "(x)"\nsay = "y\\\\"\nregex = true\n', 2, "bad regular expression"),
])
def test_errors_name_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_lexicon(path)
    assert str(err.value).startswith(f"{path}:{line}: ") and words in str(err.value)


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        load_lexicon(tmp_path / "nope.toml")


def test_site_config_is_found_beside_the_source_or_above_the_current_folder(tmp_path, monkeypatch):
    site = tmp_path / "blog"
    (site / "posts").mkdir(parents=True)
    (site / "reader.toml").write_text('[lexicon]\n"KI" = "Künstliche Intelligenz"\n[other]\nx = 1\n', encoding="utf-8")
    page = site / "posts" / "a.html"
    assert find_site_config(str(page), cwd=tmp_path) is None  # not beside the page, not above tmp_path
    assert find_site_config(None, cwd=site / "posts") == site / "reader.toml"
    monkeypatch.chdir(site / "posts")
    lexicon = lexicon_for(None, "https://example.org/post/")
    assert normalize("KI", lexicon=lexicon) == "Künstliche Intelligenz"
    given = tmp_path / "mine.toml"
    given.write_text('"KI" = "Kai"\n', encoding="utf-8")
    assert normalize("KI", lexicon=lexicon_for(str(given), None)) == "Kai"  # --lexicon wins


def test_build_script_uses_the_lexicon():
    lexicon = parse_lexicon(LEXICON, "test.toml")
    utterances = [u for s in build_script(seed_article(), lexicon=lexicon).sections for u in s.utterances]
    assert any("Dschi Ssi Kuck" in u.spoken for u in utterances)
    with_name = [u for u in utterances if "DeepSeek" in u.written and u.lang == "de"]  # English passages: English voice
    assert with_name and all("Diepsiek" in u.spoken and "DeepSeek" not in u.spoken for u in with_name)


def test_cli_normalize_and_script_take_a_lexicon(tmp_path, capsys):
    path = tmp_path / "l.toml"
    path.write_text(LEXICON, encoding="utf-8")
    assert main(["normalize", "--lexicon", str(path), "DeepSeek R1"]) == 0
    assert capsys.readouterr().out == "Diepsiek R Eins\n"
    assert main(["script", "--lexicon", str(path), "samples/ki-agenten-deepseek.html"]) == 0
    out = capsys.readouterr().out
    assert "Diepsiek R Eins" in out and "Diep-Siek R Eins" not in out
    path.write_text('"a" = \n', encoding="utf-8")
    assert main(["normalize", "--lexicon", str(path), "x"]) == 2
    assert f"{path}:1:" in capsys.readouterr().err


def test_suggest_ranks_acronyms_anglicisms_and_unknown_abbreviations():
    article = seed_article()
    texts = [b.text for b in article.blocks] + list(SEED_NOTES.values())
    texts.append("Das gilt lt. Vertrag, lt. der Satzung und bzgl. der Frage.")
    found = suggest(texts)
    by_word = {s.written: s for s in found}
    assert found[0].written == "KI" and found[0].kind == "acronym" and found[0].spoken == "Ka-I"
    assert found[0].count == sum(t.count("KI") for t in texts)
    assert by_word["DeepSeek"].kind == "anglicism" and by_word["DeepSeek"].spoken == "Diep-Siek"
    assert by_word["lt."].kind == "abbreviation" and by_word["lt."].count == 1  # once before a lower-case word
    assert "bzgl." not in by_word  # known abbreviations are not suggested
    counts = [s.count for s in found]
    assert counts == sorted(counts, reverse=True)


def test_cli_lexicon_suggest_over_a_folder(tmp_path, capsys):
    lexicon = tmp_path / "l.toml"
    lexicon.write_text('"KI" = "Kai"\n', encoding="utf-8")
    assert main(["lexicon", "suggest", "samples", "--top", "3", "--lexicon", str(lexicon)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ["count", "kind", "written", "spoken now"]
    assert len(lines) == 4
    ki = [line.split("\t") for line in lines[1:] if line.split("\t")[2] == "KI"]
    assert ki and ki[0][1] == "acronym" and ki[0][3] == "Kai" and int(ki[0][0]) >= 15
