"""The chat UI's words, in both languages. One table; `t(lang, key, **fields)` picks and fills an entry.

Kept apart from the layout so a label is changed (or a third language added) in one place."""

from __future__ import annotations

from typing import Literal

UiLang = Literal["id", "en"]

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "subtitle": "Cited answers from Indonesian and English news articles. Every claim links to its source.",
        "lang_label": "Answer language",
        "lang_auto": "Auto",
        "tab_chat": "Ask",
        "tab_corpus": "Corpus",
        "question_label": "Your question",
        "question_placeholder": "Ask about the news, in English or Bahasa Indonesia…",
        "send": "Ask",
        "stop": "Stop",
        "clear": "New chat",
        "examples": "Try one of these:",
        "chat_placeholder": "Ask a question: Warta searches the indexed articles, answers in your language and "
                            "cites the passages it used.",
        "sources": "Sources",
        "sources_retrieved": "Retrieved passages",
        "sources_retrieved_note": "Found by search; the answer is being written.",
        "sources_closest": "Closest sources",
        "sources_closest_note": "These passages came closest, but do not answer the question.",
        "sources_empty": "The sources of the current answer appear here, numbered like the [n] markers in it.",
        "sources_none": "No sources.",
        "status_searching": "Searching the corpus…",
        "status_writing": "Writing the answer…",
        "status_checking": "Checking the citations…",
        "status_working": "Working…",
        "status_done": "Answered in {seconds:.1f} s · {generator}",
        "status_refused": "Not found in the corpus · {seconds:.1f} s",
        "status_stopped": "Stopped.",
        "status_error": "Could not answer.",
        "refused": "Not found in the corpus.",
        "dropped": "{n} sentence(s) without support in the sources were removed.",
        "error": "Sorry, I could not answer: {message}",
        "internal_error": "Sorry, something went wrong inside Warta. The details are in the server log.",
        "undated": "undated",
        "unknown_outlet": "unknown outlet",
        "supporting": "supporting sentence",
        "corpus_intro": "{docs} documents, {chunks} passages in the index.",
        "corpus_empty": "No documents are indexed yet. Run `warta index` and reload this page.",
        "corpus_error": "The corpus could not be listed: {message}",
        "col_title": "Title",
        "col_date": "Date",
        "col_outlet": "Outlet",
        "col_language": "Language",
        "col_chunks": "Passages",
        "col_id": "Document ID",
        "refresh": "Refresh",
        "lang_id": "Indonesian",
        "lang_en": "English",
        "jump": "Show source {n}",
    },
    "id": {
        "subtitle": "Jawaban bersumber dari artikel berita berbahasa Indonesia dan Inggris. Setiap klaim "
                    "tertaut ke sumbernya.",
        "lang_label": "Bahasa jawaban",
        "lang_auto": "Otomatis",
        "tab_chat": "Tanya",
        "tab_corpus": "Korpus",
        "question_label": "Pertanyaan Anda",
        "question_placeholder": "Tanyakan tentang berita, dalam Bahasa Indonesia atau Inggris…",
        "send": "Tanya",
        "stop": "Berhenti",
        "clear": "Percakapan baru",
        "examples": "Coba salah satu:",
        "chat_placeholder": "Ajukan pertanyaan: Warta mencari di artikel yang terindeks, menjawab dalam bahasa "
                            "Anda, dan mengutip bagian yang dipakainya.",
        "sources": "Sumber",
        "sources_retrieved": "Bagian yang ditemukan",
        "sources_retrieved_note": "Hasil pencarian; jawaban sedang ditulis.",
        "sources_closest": "Sumber terdekat",
        "sources_closest_note": "Bagian-bagian ini paling dekat, tetapi tidak menjawab pertanyaan.",
        "sources_empty": "Sumber jawaban saat ini tampil di sini, bernomor sesuai penanda [n] di jawaban.",
        "sources_none": "Tidak ada sumber.",
        "status_searching": "Mencari di korpus…",
        "status_writing": "Menulis jawaban…",
        "status_checking": "Memeriksa kutipan…",
        "status_working": "Sedang bekerja…",
        "status_done": "Dijawab dalam {seconds:.1f} dtk · {generator}",
        "status_refused": "Tidak ditemukan di korpus · {seconds:.1f} dtk",
        "status_stopped": "Dihentikan.",
        "status_error": "Tidak dapat menjawab.",
        "refused": "Tidak ditemukan di korpus.",
        "dropped": "{n} kalimat tanpa dukungan sumber dihapus.",
        "error": "Maaf, pertanyaan tidak dapat dijawab: {message}",
        "internal_error": "Maaf, terjadi galat di dalam Warta. Rinciannya ada di log server.",
        "undated": "tanpa tanggal",
        "unknown_outlet": "media tidak diketahui",
        "supporting": "kalimat pendukung",
        "corpus_intro": "{docs} dokumen, {chunks} bagian di indeks.",
        "corpus_empty": "Belum ada dokumen yang terindeks. Jalankan `warta index` lalu muat ulang halaman ini.",
        "corpus_error": "Korpus tidak dapat ditampilkan: {message}",
        "col_title": "Judul",
        "col_date": "Tanggal",
        "col_outlet": "Media",
        "col_language": "Bahasa",
        "col_chunks": "Bagian",
        "col_id": "ID dokumen",
        "refresh": "Muat ulang",
        "lang_id": "Indonesia",
        "lang_en": "Inggris",
        "jump": "Tampilkan sumber {n}",
    },
}

MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
}

# Example questions: both languages are always offered (the corpus is mixed, and asking across languages is
# the point); they are not translated when the labels switch.
EXAMPLES: tuple[str, ...] = (
    "What did Indonesia sign with Russia?",
    "Apa saja MoU dengan Rusia?",
    "Where did the Indonesian and Japanese ministers meet?",
    "Siapa pejabat Rusia yang ditemui Menperin di Moskow?",
)

# Selector values. The labels of the two languages are their own names, so they never change.
LANG_CHOICES_VALUES = ("auto", "id", "en")


def t(lang: str, key: str, **fields: object) -> str:
    table = TEXT["id" if lang == "id" else "en"]
    text = table.get(key) or TEXT["en"][key]
    return text.format(**fields) if fields else text


def lang_choices(lang: str) -> list[tuple[str, str]]:
    return [(t(lang, "lang_auto"), "auto"), ("Bahasa Indonesia", "id"), ("English", "en")]


def format_date(iso: str | None, lang: str) -> str:
    """'2026-01-12T06:49:54+07:00' -> '12 January 2026' / '12 Januari 2026'; unparseable text is shown as is."""
    if not iso:
        return t(lang, "undated")
    head = iso[:10]
    try:
        year, month, day = (int(part) for part in head.split("-"))
        name = MONTHS["id" if lang == "id" else "en"][month - 1]
    except (ValueError, IndexError):
        return iso
    return f"{day} {name} {year}"


def ui_lang_from_accept_language(header: str | None) -> UiLang:
    """The browser's preferred language among ours: the first of id/en in Accept-Language, else English.
    ('in' is the old ISO code for Indonesian that some systems still send.)"""
    if not header:
        return "en"
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()
        primary = tag.split("-")[0]
        if primary in ("id", "in"):
            return "id"
        if primary == "en":
            return "en"
    return "en"
