#!/usr/bin/env python3
# The subset exploration behind docs/results.md experiment 5 (issue 13): each entry of a grid
# file is one `sqsnn train` run of projects/fmnist-10class.sqsnn.json (784-100-10, or the single
# 784->10 layer with "single") on 10,000 / 2,000 samples, one seed, with the local rule's
# issue-13 recipe (NEW below) plus the entry's training overrides. Prints the test accuracy per
# epoch. Run from an empty folder (it writes its projects and runs there):
#   mkdir -p out/explore && cd out/explore && \
#   python3 ../../scripts/analysis/local-rule-explore/explore.py ../../scripts/analysis/local-rule-explore/grid1.json
import json, subprocess, sys, re
import os
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..')
base = json.load(open(os.path.join(ROOT, 'projects/fmnist-10class.sqsnn.json')))
NEW = {"readout_loss": "ce", "optimizer": "adam", "learning_rate": 5e-4, "batch_size": 32,
       "angle_init": "normal", "clip_readout": 0, "clip_hidden_weights": 0, "clip_hidden_angles": 0}
def make(name, single=False, training={}, tr=10000, te=2000, ep=2, data={}, seed=1):
    p = json.loads(json.dumps(base))
    p['seed'] = seed
    if single:
        p['network']['populations'] = [p['network']['populations'][0], p['network']['populations'][2]]
        p['network']['projections'] = [{"from": "image", "to": "readout"}]
    p['data'].update({"train_samples": tr, "test_samples": te}); p['data'].update(data)
    p['training']['epochs'] = ep
    p['training'].update(training)
    f = name + '.sqsnn.json'
    json.dump(p, open(f, 'w'), indent=1)
    out = subprocess.run(['nice', '-n', '10', os.path.join(ROOT, 'build/app/sqsnn'), 'train', f, '--out', name, '--threads', '1'],
                         capture_output=True, text=True)
    accs = re.findall(r'test loss \S+ acc (\S+)', out.stdout)
    print(f"{name:40s} {' '.join(accs)} {out.stderr.strip()[:200]}", flush=True)
runs = json.load(open(sys.argv[1]))
for r in runs:
    t = dict(NEW) if r.get('new', True) else {}
    t.update(r.get('training', {}))
    make(r['name'], r.get('single', False), t, data=r.get('data', {}), ep=r.get('ep', 2), seed=r.get('seed', 1), tr=r.get('tr', 10000))
