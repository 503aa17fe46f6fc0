#!/usr/bin/env python3
"""tester24: draw 20 items at random (random.seed(2424)) from all.jsonl (compare --all big):
8 multi-member clusters (shared or contrasting), 6 unique claims (NeuS/BASIL events only: short
enough to read every other article), 6 'related' pairs. Writes blind.md (texts only) and key.json."""
import json, random
random.seed(2424)
reps = [json.loads(l) for l in open('/tmp/tester24/all.jsonl')]
multi, uniq, rel = [], [], []
for r in reps:
    eid = r['event']['id']; claims = r['claims']
    for c in r['clusters']:
        if c['kind'] == 'unique':
            if 'ecb' not in ' '.join(r['event'].get('tags', [])) and not eid.startswith(('2008', '2011-01', '2013-01', '2013-05-03')):
                uniq.append((eid, c))
        else:
            multi.append((eid, c))
    for p in r['related']:
        rel.append((eid, p, claims))
items = [('multi', x) for x in random.sample(multi, 8)] + [('unique', x) for x in random.sample(uniq, 6)] + [('related', x) for x in random.sample(rel, 6)]
blind, key = [], []
for i, (k, x) in enumerate(items, 1):
    if k == 'related':
        eid, p, claims = x
        a, b = claims[p['a']], claims[p['b']]
        blind.append(f"## {i} ({k}) {eid}\n- A {a['outlet']}: {a['text']}\n- B {b['outlet']}: {b['text']}\n")
        key.append({'i': i, 'event': eid, 'tool': 'related', 'similarity': p['similarity'], 'note': p.get('note')})
    else:
        eid, c = x
        lines = '\n'.join(f"- {m['outlet']}: {m['text']}" for m in c['members'])
        blind.append(f"## {i} ({k}) {eid} cluster #{c['number']}\n{lines}\n")
        key.append({'i': i, 'event': eid, 'number': c['number'], 'tool': c['kind'], 'reasons': c['reasons'], 'similarity': c.get('similarity')})
open('/tmp/tester24/blind.md', 'w').write('\n'.join(blind))
json.dump(key, open('/tmp/tester24/key.json', 'w'), indent=1)
print(len(multi), len(uniq), len(rel))
