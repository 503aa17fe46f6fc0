# Generates the ~2 GB JSON Lines dump of the memory measurement in docs/reliability.md (issue 13):
# records of 9 to 33 sentences drawn (seed 13) from the FNC-1 bodies and MRPC sentences in
# ../shared/data, 2 to 6 outlets per event. Usage: python3 dump_gen.py OUT.jsonl BYTES. Not run by CI.
import csv, json, os, random, re, sys
DATA = os.environ.get('FRAMEDIFF_DATA', '../shared/data')  # run from the repository root
csv.field_size_limit(10**8)
sents = []
with open(os.path.join(DATA, 'fnc1-dev/bodies.csv'), encoding='utf-8') as f:
    for row in csv.DictReader(f):
        for s in re.split(r'(?<=[.!?])\s+', row['articleBody']):
            s = s.strip()
            if 40 <= len(s) <= 400:
                sents.append(s)
with open(os.path.join(DATA, 'mrpc/msr_paraphrase_train.txt'), encoding='utf-8-sig') as f:
    next(f)
    for line in f:
        parts = line.rstrip('\n').split('\t')
        if len(parts) == 5:
            sents.extend(parts[3:5])
rng = random.Random(13)
outlets = ['bbc','cnn','fox-news','reuters','ap','guardian','nyt','wapo','wsj','aljazeera','dw','france24','rt','tass','npr']
target = int(sys.argv[2])
n = 0; size = 0; ev = 0
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    while size < target:
        ev += 1
        k = rng.randint(2, 6)
        y, m, d = rng.randint(2014, 2019), rng.randint(1, 12), rng.randint(1, 28)
        for o in rng.sample(outlets, k):
            n += 1
            ns = rng.randint(9, 33)
            chosen = [rng.choice(sents) for _ in range(ns)]
            paras = [' '.join(chosen[i:i+5]) for i in range(0, ns, 5)]
            rec = {'id': f'rec-{n:07d}', 'outlet': o, 'event': f'ev-{ev:06d}',
                   'title': chosen[0][:90], 'date': f'{y:04d}-{m:02d}-{d:02d}',
                   'url': f'https://{o}.example.com/{y}/{m:02d}/story-{n}',
                   'author': f'Reporter {rng.randint(1, 500)}', 'language': 'en',
                   'body': '\n\n'.join(paras)}
            line = json.dumps(rec, ensure_ascii=False) + '\n'
            out.write(line)
            size += len(line.encode('utf-8'))
print(n, ev, size)
