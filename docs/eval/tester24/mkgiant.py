#!/usr/bin/env python3
"""tester24: /tmp/tester24/giant: one event, a normal NeuS article plus one 2 MB article made of
every NeuS dev paragraph (distinct real sentences), to time a big article."""
import json, os, shutil
R = '/tmp/tester24/giant'; shutil.rmtree(R, ignore_errors=True); os.makedirs(R + '/2021-05-28-giant')
paras = []
for l in open('/work/shared/data/neus-dev/allsides_stories.jsonl'):
    s = json.loads(l)
    for a in s['news'].values():
        if a: paras += a['newBody']
    paras += s['roundup']
txt = '\n\n'.join(paras)
while len(txt) < 2_000_000: txt += '\n\n' + txt
open(R + '/2021-05-28-giant/giant.md', 'w').write('---\noutlet: Giant Digest\ndate: 2021-05-28\n---\n' + txt[:2_000_000] + '\n')
shutil.copy('/tmp/tester24/big/2021-05-28-senate-gop-blocks-january-6th-commission/the-hill.md', R + '/2021-05-28-giant/')
print(len(paras), len(txt))
