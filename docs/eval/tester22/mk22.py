#!/usr/bin/env python3
"""tester22: build corpus /tmp/tester22/r22 from ../shared/data (NeuS dev, BASIL dev, ECB+ dev).
NeuS stories get a 4th "outlet": the AllSides editors' roundup (AllSides Roundup)."""
import json, os, re, glob, shutil
D = '/work/shared/data'
OUT = '/tmp/tester22/r22'
shutil.rmtree(OUT, ignore_errors=True); os.makedirs(OUT)
def slug(s): return re.sub(r'[^a-z0-9]+', '-', s.lower()).strip('-')[:40].strip('-')
def fm(outlet, title, date, url):
    s = f'---\noutlet: {json.dumps(outlet)}\ntitle: {json.dumps(title)}\n'
    if date: s += f'date: {date}\n'
    if url: s += f'url: {json.dumps(url)}\n'
    return s + '---\n\n'
outlets = {}
# --- NeuS
stories = {json.loads(l)['id']: json.loads(l) for l in open(f'{D}/neus-dev/allsides_stories.jsonl')}
LEAN = {'left': 'left', 'center': 'center', 'right': 'right'}
for sid in (5634, 5666, 5638, 5646, 5648, 5676):
    s = stories[sid]; date = s['date'][:10]
    ev = f'{OUT}/{date}-{slug(s["issue"])}'; os.makedirs(ev)
    open(ev + '/event.toml', 'w').write(f'title = {json.dumps(s["issue"])}\ndate = "{date}"\ntags = ["neus", "{sid}", {json.dumps(s["topic"])}]\n')
    for side, a in s['news'].items():
        if not a: continue
        name = re.sub(r'\s*\(.*\)$', '', a['newsSource']).strip()
        outlets.setdefault(slug(name), (name, LEAN[side]))
        open(f'{ev}/{slug(name)}.md', 'w').write(fm(name, a['newsTitle'], date, a['newsLink']) + '\n\n'.join(a['newBody']) + '\n')
    open(f'{ev}/allsides-roundup.md', 'w').write(fm('AllSides Roundup', s['issue'], date, None) + '\n\n'.join(s['roundup']) + '\n')
outlets['allsides-roundup'] = ('AllSides Roundup', 'center')
# --- BASIL
BN = {'fox': ('Fox News', 'right'), 'nyt': ('The New York Times', 'left-center'), 'hpo': ('HuffPost', 'left')}
for trip, name in (('85475456', 'blumenthal-vietnam-service'), ('1bb79cc1', 'benghazi-talking-points')):
    ev = None
    for f in sorted(glob.glob(f'{D}/basil-dev/articles/*/{trip}*_[123].json')):
        d = json.load(open(f)); src = d['source'].lower()
        if ev is None:
            ev = f'{OUT}/{d["date"]}-{name}'; os.makedirs(ev)
        n, lean = BN[src]; outlets[slug(n)] = (n, lean)
        body = '\n\n'.join(' '.join(p) for p in d['body-paragraphs'])
        open(f'{ev}/{src}.md', 'w').write(fm(n, d['title'].strip(), d['date'], d['url']) + body + '\n')
# --- ECB+
def detok(toks):
    s = ' '.join(toks)
    s = re.sub(r' ([.,;:!?%)\]])', r'\1', s); s = re.sub(r'([(\[$]) ', r'\1', s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r'\1', s)
    s = re.sub(r'" (.*?) "', r'"\1"', s)
    s = s.replace('“ ', '“').replace(' ”', '”').replace(" ' ", "'").replace('`` ', '"').replace(" ''", '"')
    s = re.sub(r' - ', '-', s); s = re.sub(r'(\d) , (\d{3})', r'\1,\2', s)
    # tokens split figures, times and abbreviations: '20, 000' '8: 30 p. m.' 'a. 357' 'U. S.'
    s = re.sub(r'(\d), (\d{3})\b', r'\1,\2', s); s = re.sub(r'(\d): (\d\d)\b', r'\1:\2', s)
    s = re.sub(r'\b([ap])\. m\.', r'\1.m.', s); s = re.sub(r'\b([A-Z])\. ([A-Z])\.', r'\1.\2.', s)
    s = re.sub(r' ?\. (\d{2,3}) (Magnum|caliber|calibre)', r' .\1 \2', s); s = re.sub(r'\b(\w+)\. (com|gov|org)\b', r'\1.\2', s)
    return s
for sub, ev_id, title in (('22ecbplus', '2010-09-09-kraft-factory-shooting', 'Suspended worker kills two at Kraft factory'),
                          ('8ecbplus', '2010-05-05-greek-bank-firebomb', 'Three killed as rioters firebomb Greek bank')):
    docs = {}
    for line in open(f'{D}/ecbplus-dev/{sub}.conll', encoding='utf-8'):
        if line.startswith('#') or not line.strip(): continue
        p = line.rstrip('\n').split('\t')
        docs.setdefault(p[0], {}).setdefault(int(p[1]), []).append(p[3])
    ev = f'{OUT}/{ev_id}'; os.makedirs(ev)
    open(ev + '/event.toml', 'w').write(f'title = {json.dumps(title)}\ntags = ["ecb+", "{sub}"]\n')
    used = set()
    for d, s in sorted(docs.items(), key=lambda x: int(x[0].split('/')[-1])):
        url = ''.join(s[0])
        host = re.sub(r'^https?://', '', url).split('/')[0]
        host = re.sub(r'^(www|news|articles|edition|abcnews)\.', '', host)
        outlet = host.split('.')[0] or 'unknown'
        if outlet in used: outlet += '-' + d.split('/')[-1]
        used.add(outlet)
        body = '\n\n'.join(detok(s[k]) for k in sorted(s) if k >= 2)
        open(f'{ev}/{outlet}.md', 'w').write(fm(outlet, detok(s[1]), None, url) + body + '\n')
with open(f'{OUT}/outlets.toml', 'w') as f:
    for k, (n, lean) in sorted(outlets.items()):
        f.write(f'[{k}]\nname = {json.dumps(n)}\ncountry = "US"\nlean = "{lean}"\n\n')
print('built', OUT)
