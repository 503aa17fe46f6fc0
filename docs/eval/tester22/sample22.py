#!/usr/bin/env python3
"""tester22: draw 20 items for blind judging from lex.jsonl (compare --all r22, lexical).
random.seed(22): 8 shared clusters (then 2 members of different outlets at random), 6 `related`
pairs, 6 unique claims (each shown with the 3 claims of other outlets of its event with the
highest word overlap, by this script's own Jaccard, not the tool's). Shared and related pairs are
shuffled together so their kind is hidden. Writes blind.md (no verdicts) and key.json."""
import json, random, re
random.seed(22)
reps = [json.loads(l) for l in open('lex.jsonl')]
sh, rel, un = [], [], []
for r in reps:
    ev = r['event']['id']; cl = {c['id']: c for c in r['claims']}
    for c in r['clusters']:
        if c['kind'] == 'shared': sh.append((ev, c))
        if c['kind'] == 'unique': un.append((ev, c, r))
    for p in r['related']: rel.append((ev, cl[p['a']], cl[p['b']], p))
items = []
for ev, c in random.sample(sh, 8):
    m = c['members']; a = random.choice(m); b = random.choice([x for x in m if x['outlet'] != a['outlet']])
    items.append(dict(kind='pair', ev=ev, a=(a['outlet'], a['text']), b=(b['outlet'], b['text']), tool='shared', number=c['number'], reasons=c['reasons']))
for ev, a, b, p in random.sample(rel, 6):
    items.append(dict(kind='pair', ev=ev, a=(a['outlet'], a['text']), b=(b['outlet'], b['text']), tool='related', sim=p['similarity'], note=p.get('note')))
random.shuffle(items)
W = lambda s: set(re.findall(r'[a-z0-9]+', s.lower())) - set('the a an of to in and on at for was is that by with as it he she from be had has were'.split())
for ev, c, r in random.sample(un, 6):
    m = c['members'][0]; wa = W(m['text'])
    cands = sorted((x for x in r['claims'] if x['outlet'] != m['outlet']), key=lambda x: -len(wa & W(x['text'])) / (len(wa | W(x['text'])) or 1))[:3]
    items.append(dict(kind='unique', ev=ev, a=(m['outlet'], m['text']), cands=[(x['outlet'], x['text']) for x in cands], tool='unique', number=c['number']))
with open('blind.md', 'w') as f:
    for i, it in enumerate(items, 1):
        f.write(f"\n## B{i} ({it['ev']})\n")
        f.write(f"- A [{it['a'][0]}]: {it['a'][1]}\n")
        if it['kind'] == 'pair': f.write(f"- B [{it['b'][0]}]: {it['b'][1]}\n")
        else:
            f.write("- candidates from other outlets (my overlap ranking):\n")
            for o, t in it['cands']: f.write(f"  - [{o}]: {t}\n")
json.dump(items, open('key.json', 'w'), indent=1)
