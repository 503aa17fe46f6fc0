import json, os, re, sys
OUT='/tmp/tester21'
# c1: BASIL event
names={'fox':'Fox News','nyt':'The New York Times','hpo':'HuffPost'}
base='/work/shared/data/basil-dev/articles/2010/38f7cbb7-5d6a-4c89-bcbd-8e164144172a_%d.json'
ev=None
for i in (1,2,3):
    d=json.load(open(base%i))
    if ev is None:
        ev='%s-sestak-job-offer'%d['date']
        os.makedirs(f'{OUT}/c1/{ev}',exist_ok=True)
    body='\n\n'.join(' '.join(p) for p in d['body-paragraphs'])
    t=d['title'].replace('"','\\"')
    with open(f"{OUT}/c1/{ev}/{d['source']}.md",'w') as f:
        f.write(f'---\noutlet: {names[d["source"]]}\ntitle: "{t}"\ndate: {d["date"]}\nurl: {d["url"]}\n---\n{body}\n')
with open(f'{OUT}/c1/outlets.toml','w') as f:
    f.write('[fox-news]\nname = "Fox News"\ncountry = "US"\nlean = "right"\n\n[the-new-york-times]\nname = "The New York Times"\ncountry = "US"\nlean = "left-center"\n\n[huffpost]\nname = "HuffPost"\ncountry = "US"\nlean = "left"\n')
# c2: ECB+ 3ecbplus
def detok(toks):
    s=' '.join(toks)
    s=re.sub(r' ([.,;:!?%)\]])',r'\1',s); s=re.sub(r'([(\[$]) ',r'\1',s)
    s=re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b",r'\1',s)
    s=re.sub(r'" (.*?) "',r'"\1"',s)
    s=s.replace('“ ','“').replace(' ”','”').replace(" ' ","'")
    s=re.sub(r' - ','-',s); s=re.sub(r'\. (com|gov|org)\b',r'.\1',s)
    return s
docs={}
for line in open('/work/shared/data/ecbplus-dev/3ecbplus.conll',encoding='utf-8'):
    if line.startswith('#') or not line.strip(): continue
    p=line.rstrip('\n').split('\t')
    docs.setdefault(p[0],{}).setdefault(int(p[1]),[]).append(p[3])
ev='2009-11-30-texas-inmate-escape'
os.makedirs(f'{OUT}/c2/{ev}',exist_ok=True)
for d,s in docs.items():
    n=int(d.split('/')[-1])
    if n in (9,11): continue
    url=''.join(s[0])
    host=re.sub(r'^https?://','',url).split('/')[0]
    host=re.sub(r'^(www|news|articles)\.','',host)
    outlet=host.split('.')[0]
    title=detok(s[1]).replace('"','\\"')
    body=' '.join(detok(s[k]) for k in sorted(s) if k>=2)
    with open(f'{OUT}/c2/{ev}/{outlet}.md','w') as f:
        f.write(f'---\noutlet: {outlet}\ntitle: "{title}"\nurl: {url}\n---\n{body}\n')
