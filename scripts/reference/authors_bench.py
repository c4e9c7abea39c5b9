# Runs the authors' released SQS layer (kclip/SQSNN, SQS.py, unmodified, outside our repository) on
# Fashion-MNIST from Debian's dataset-fashion-mnist, network 784-H-10 as in their SQSNN_static.py
# (no bias, T = 5, rate code p_max 0.5, Adam 5e-4, batch 256, CE over readout rates).
# Their code is not part of this repository and is never copied into it: point the script at a
# checkout (e.g. `git clone https://github.com/kclip/SQSNN`). Needs python3-torch (Debian), which
# the lab's own scripts do not install.
# Usage: /usr/bin/python3 scripts/reference/authors_bench.py SQSNN_CHECKOUT H THREADS BATCHES EPOCHS SEED
#   BATCHES = 0 trains whole epochs and reports test accuracy; otherwise times that many batches.
# Prints samples per wall second and per CPU second (time.process_time), so that figures taken on
# a loaded machine can still be compared with our benchmark's CPU time.
import sys
if len(sys.argv) != 7:
    sys.exit("usage: authors_bench.py SQSNN_CHECKOUT H THREADS BATCHES EPOCHS SEED")
sys.path.insert(0, sys.argv[1])
import time, gzip, numpy as np, torch, torch.nn as nn, torch.optim as optim
from SQS import QuantumSpikingLayer
H, threads, nbatches, epochs, seed = (int(a) for a in sys.argv[2:7])
torch.set_num_threads(threads); torch.manual_seed(seed); np.random.seed(seed)
D = "/usr/share/datasets/fashion-mnist/"
def idx(name, off):
    with gzip.open(D + name) as f: return np.frombuffer(f.read(), np.uint8, offset=off)
Xtr = torch.tensor(idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784) / 255.0, dtype=torch.float64)
ytr = torch.tensor(idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64))
Xte = torch.tensor(idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784) / 255.0, dtype=torch.float64)
yte = torch.tensor(idx("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64))
T = 5
def spikes(x): return torch.bernoulli(torch.clamp(x, 0, 0.5).unsqueeze(1).expand(-1, T, -1))
class Net(nn.Module):
    def __init__(s):
        super().__init__()
        s.l1 = nn.Linear(784, H, bias=False).double(); s.q1 = QuantumSpikingLayer(H, surrogate_type="sigmoid")
        s.l2 = nn.Linear(H, 10, bias=False).double(); s.q2 = QuantumSpikingLayer(10, surrogate_type="sigmoid")
    def forward(s, x):
        s.q1.reset_memory(); s.q2.reset_memory(); out = []
        for t in range(T):
            h, _ = s.q1(s.l1(x[:, t, :])); o, _ = s.q2(s.l2(h)); out.append(o)
        return torch.stack(out, 0)
m = Net().double(); opt = optim.Adam(m.parameters(), lr=5e-4)
print("parameters", sum(p.numel() for p in m.parameters()), flush=True)
for ep in range(epochs):
    perm = torch.randperm(len(ytr)); t0 = time.time(); c0 = time.process_time(); done = 0
    for b in range(0, len(ytr), 256):
        if nbatches and b // 256 >= nbatches: break
        i = perm[b:b+256]; x = spikes(Xtr[i])
        opt.zero_grad(); loss = nn.functional.cross_entropy(m(x).sum(0) / T, ytr[i]); loss.backward(); opt.step()
        done += len(i)
    dt = time.time() - t0; cpu = time.process_time() - c0
    print(f"epoch {ep+1}: {done} samples in {dt:.1f} s wall, {cpu:.1f} s CPU = {done/dt:.1f} samples/s wall, {done/cpu:.1f} per CPU-second (threads {threads}), last loss {loss.item():.4f}", flush=True)
    if not nbatches:
        with torch.no_grad():
            c = sum((m(spikes(Xte[b:b+1000])).sum(0).argmax(1) == yte[b:b+1000]).sum().item() for b in range(0, 10000, 1000))
        print(f"epoch {ep+1}: test accuracy {c/100:.2f}%", flush=True)
