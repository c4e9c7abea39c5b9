#!/usr/bin/env python3
"""Dead-zone statistics of a trained single-layer readout (docs/results.md, "Why the SQS readout
fails on ten classes"): for the first N Fashion-MNIST test images, the expected input current of
every readout neuron under the rate code (z = sum_p w_p min(pixel_p, p_max)), and how often it
is <= 0 (no rotation, so no weight gradient) for the target neuron and for the others; then the
firing probability at rest sin^2(theta_in / 2) of each readout neuron (memory ignored).

usage: scripts/analysis/readout_currents.py TRAINED_PROJECT [N] [P_MAX]
The project must have an 'image' input projected straight into a 10-neuron SQS 'readout'
(projects/experiments/investigation-readout-10class.experiment.json, model "SQS exact")."""
import gzip, json, math, sys

project = json.load(open(sys.argv[1]))
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
p_max = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
W = project['parameters']['projection/image->readout']  # source-major: [pixel][neuron]
angles = project['parameters']['population/readout']  # per neuron [theta_ent, theta_mem, theta_in]
C = 10
root = '/usr/share/datasets/fashion-mnist/'
images = gzip.open(root + 't10k-images-idx3-ubyte.gz').read()[16:]
labels = gzip.open(root + 't10k-labels-idx1-ubyte.gz').read()[8:]
columns = [[W[p * C + o] for p in range(784)] for o in range(C)]
dead = {True: 0, False: 0}
count = {True: 0, False: 0}
for i in range(n):
    x = [min(b / 255, p_max) for b in images[i * 784:(i + 1) * 784]]
    for o in range(C):
        z = sum(w * v for w, v in zip(columns[o], x))
        target = o == labels[i]
        count[target] += 1
        dead[target] += z <= 0
print(f'expected current <= 0: target readout {dead[True] / count[True]:.2f}, '
      f'other readouts {dead[False] / count[False]:.2f} ({n} test images)')
for o in range(C):
    theta_in = angles[3 * o + 2]
    print(f'readout {o}: theta_in {theta_in:.2f}, p at rest {math.sin(theta_in / 2) ** 2:.2f}')
