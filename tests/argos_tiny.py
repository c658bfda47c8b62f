"""Build a tiny but real Argos Translate package for any language pair (SentencePiece + CTranslate2 +
a sentence splitter).

Test-only (it lives in tests/, so it does not ship in the wheel); the benchmark imports it too. No
model can be downloaded on the development machines, so the tests build one in about a second. Its
output is nonsense tokens drawn from a small multilingual vocabulary; callers check structure,
provenance and speed, never meaning. Imports numpy/ctranslate2/sentencepiece lazily.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

# A few short lines per language, written for these tests: the SentencePiece vocabulary is trained on all
# of them, so any pair among these languages (and any Latin-script language, through the
# character pieces) tokenizes into known pieces.
_CORPUS = (
    "the people of the region met the union leaders in the town",
    "the police fled the area and the military stayed in its base",
    "elections in the country are manual and the count takes time",
    "workers grow rice fruit and cheese on the land",
    "la gente de la región se reunió con los dirigentes sindicales del pueblo",
    "la policía huyó de la zona y los militares se quedaron en su base",
    "las elecciones en el país son manuales y el recuento lleva tiempo",
    "los trabajadores cultivan arroz fruta y queso en la tierra",
    "les habitants de la région ont rencontré les syndicats à la mairie",
    "la police a quitté la zone et les militaires sont restés dans leur caserne",
    "les élections du pays sont manuelles et le dépouillement prend du temps",
    "la gent de la regió es va reunir amb els sindicats al poble",
    "les eleccions al país són manuals i el recompte triga",
    "as pessoas da região reuniram-se com os sindicatos na cidade",
    "as eleições no país são manuais e a contagem demora",
)
_PUNCT = ".,;:!?\"'()[]{}<>«»“”‘’—–-/%$€0123456789⟦⟧#@*&_¿¡·"
_LETTERS = (" abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            "àáâãäçèéêëìíîïñòóôõöùúûüÿœæÀÁÂÃÄÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜŒÆß")


def build_tiny_package(dest: Path, variant: str = "minisbd", *, d_model: int = 32, seed: int = 7,
                       from_code: str = "en", to_code: str = "es", version: str = "0.0.1",
                       eos_bias: float = 6.0) -> Path:
    """Write ``dest/translate-<from>_<to>-tiny-<variant>.argosmodel`` and return its path.

    ``variant`` is ``minisbd`` (a working tiny ONNX splitter), ``stanza`` (a ``stanza/`` folder, as
    real argospm packages ship) or ``none`` (no splitter at all). A lower ``eos_bias`` makes the
    model write longer (still nonsense) sentences, closer to a real model's decoding work.
    """
    dest.mkdir(parents=True, exist_ok=True)
    top = f"translate-{from_code}_{to_code}-tiny-{variant}"
    files: dict[str, bytes] = {"metadata.json": _metadata(from_code, to_code, version, variant).encode()}
    sp_bytes, pieces = _sentencepiece()
    files["sentencepiece.model"] = sp_bytes
    files.update(_ctranslate2_model(pieces, d_model, seed, eos_bias))
    if variant == "minisbd":
        files[f"minisbd/{from_code}.onnx"] = minisbd_onnx(from_code)
    elif variant == "stanza":
        files.update(_stanza_stub(from_code))
    elif variant != "none":
        raise ValueError(f"unknown variant {variant!r}")
    path = dest / f"{top}.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            archive.writestr(f"{top}/{name}", data)
    return path


def _metadata(from_code: str, to_code: str, version: str, variant: str) -> str:
    return json.dumps({
        "package_version": version, "argos_version": "1.9.0", "from_code": from_code,
        "from_name": _name(from_code), "to_code": to_code, "to_name": _name(to_code), "type": "translate",
        "links": [], "code": f"tiny-{variant}",
    }, indent=2)


def _name(code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code).get_display_name("en"))
    except (ValueError, LookupError, UnknownLocaleError):  # argospm codes such as pb (pt-BR) are not CLDR's
        return code


def _sentencepiece() -> tuple[bytes, list[str]]:
    import sentencepiece as spm

    lines = [*_CORPUS, " ".join(_PUNCT), *(s.capitalize() + "." for s in _CORPUS)] * 20
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=buffer, vocab_size=250, hard_vocab_limit=False,
        normalization_rule_name="identity", character_coverage=1.0, minloglevel=3,
        user_defined_symbols=["⟦", "⟧"],
    )
    processor = spm.SentencePieceProcessor(model_proto=buffer.getvalue())
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    return buffer.getvalue(), pieces


def _ctranslate2_model(pieces: list[str], d: int, seed: int, eos_bias: float) -> dict[str, bytes]:
    import tempfile

    import numpy as np
    from ctranslate2.specs import TransformerSpec

    rng = np.random.default_rng(seed)
    spec = TransformerSpec.from_config((1, 1), num_heads=2)
    vocab, ffn = len(pieces), 2 * d
    for name, value in spec.variables(ordered=True):
        if value is None:
            shape = _shape(name, d, ffn, vocab)
            array = np.ones(shape, np.float32) if name.endswith("gamma") else rng.normal(0, 0.3, shape)
            _set(spec, name, array.astype(np.float32))
    bias = np.zeros(vocab, np.float32)
    bias[pieces.index("</s>")] = eos_bias  # without it a random model writes ~256 tokens per sentence
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize("float32")
    with tempfile.TemporaryDirectory() as tmp:
        spec.save(tmp)
        return {f"model/{p.name}": p.read_bytes() for p in Path(tmp).iterdir()}


def _shape(name: str, d: int, ffn: int, vocab: int) -> tuple[int, ...]:
    if "embeddings" in name or name.endswith("projection/weight"):
        return (vocab, d)
    if "layer_norm" in name:
        return (d,)
    if "ffn/linear_0" in name:
        return (ffn, d)
    if "ffn/linear_1" in name:
        return (d, ffn)
    if "self_attention/linear_0" in name:
        return (3 * d, d)
    if "/attention/linear_1" in name:
        return (2 * d, d)
    return (d, d)


def _set(spec: Any, name: str, value: Any) -> None:
    *scopes, attr = name.split("/")
    node = spec
    for scope in scopes:
        # Spec paths write list members as ``layer_0``/``linear_1``; ``layer_norm`` is a plain attribute.
        base, _, index = scope.rpartition("_")
        listed = getattr(node, base, None) if index.isdigit() else None
        node = listed[int(index)] if isinstance(listed, (list, tuple)) else getattr(node, scope)
    setattr(node, attr, value)


def _stanza_stub(lang: str) -> dict[str, bytes]:
    # Real argospm packages ship stanza/ with resources.json and a tokenize model; stanza 1.10 still
    # tries to re-fetch its resources index when asked to build a pipeline from it (the offline trap).
    resources = {lang: {"lang_name": _name(lang), "tokenize": {"combined": {"md5": "0" * 32}},
                        "default_processors": {"tokenize": "combined"}}}
    return {"stanza/resources.json": json.dumps(resources).encode(),
            f"stanza/{lang}/tokenize/combined.pt": b"tiny placeholder: publish never loads stanza"}


# ------------------------------------------------- a tiny MiniSBD ONNX model, hand-encoded protobuf
# The onnx package is not installed, so the ModelProto is written field by field. The graph is one
# Gather: every character looks up a row of logits, and '.', '!' and '?' end a sentence.


def minisbd_onnx(lang: str) -> bytes:
    """A MiniSBD-compatible model: inputs ``units`` [B,T] int64 and ``features`` [B,T,F] float."""
    units = ["<PAD>", "<UNK>", *sorted(set(_PUNCT + "".join(_CORPUS) + _LETTERS))]
    table: list[float] = []
    for unit in units:
        row = [0.0] * 5
        row[2 if unit in ".!?" else 0] = 5.0
        table.extend(row)
    graph = b"".join([
        _field(1, _node()),
        _field(2, b"tiny_minisbd"),
        _field(5, _tensor("table", [len(units), 5], table)),
        _field(11, _value_info("units", 7, ["batch", "time"])),
        _field(11, _value_info("features", 1, ["batch", "time", "feats"])),
        _field(12, _value_info("logits", 1, ["batch", "time", 5])),
    ])
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
             "_unit2id": {u: i for i, u in enumerate(units)}, "_id2unit": units}
    config = {"skip_newline": False, "max_seqlen": 1000, "batch_size": 32, "feat_funcs": []}
    meta = {"lang_code": lang, "config": json.dumps(config), "vocab": json.dumps(vocab)}
    return b"".join([
        _field(1, _varint(8)),  # ir_version
        _field(2, b"publish tests/argos_tiny.py"),
        _field(7, graph),
        _field(8, _field(1, b"") + _field(2, _varint(13))),  # opset_import: default domain, 13
        *(_field(14, _field(1, k.encode()) + _field(2, v.encode())) for k, v in meta.items()),
    ])


def _node() -> bytes:
    axis = _field(1, b"axis") + _field(3, _varint(0)) + _field(20, _varint(2))  # type INT
    return (_field(1, b"table") + _field(1, b"units") + _field(2, b"logits") + _field(3, b"lookup")
            + _field(4, b"Gather") + _field(5, axis))


def _tensor(name: str, dims: list[int], values: list[float]) -> bytes:
    packed_dims = b"".join(_raw_varint(d) for d in dims)
    raw = struct.pack(f"<{len(values)}f", *values)
    return _field(1, packed_dims) + _field(2, _varint(1)) + _field(8, name.encode()) + _field(9, raw)


def _value_info(name: str, elem_type: int, dims: list[int | str]) -> bytes:
    shape = b"".join(_field(1, _field(1, _varint(d)) if isinstance(d, int) else _field(2, d.encode()))
                     for d in dims)
    tensor_type = _field(1, _varint(elem_type)) + _field(2, shape)
    return _field(1, name.encode()) + _field(2, _field(1, tensor_type))


class _Varint(bytes):
    """Marks an already-encoded varint payload, so ``_field`` writes it with wire type 0."""


def _varint(value: int) -> _Varint:
    return _Varint(_raw_varint(value))


def _raw_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    if isinstance(payload, _Varint):
        return _raw_varint(number << 3) + payload
    return _raw_varint(number << 3 | 2) + _raw_varint(len(payload)) + payload
