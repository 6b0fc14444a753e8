window.TRELLIS_GRAPH = {"nodes":[
{"id":"Home.md","title":"Fixture Home","url":"index.html","tags":["start"]},
{"id":"Queues.md","title":"Queues","url":"queues.html","tags":[]},
{"id":"Topics/Leader Election.md","title":"Leader Election","url":"topics/leader-election.html","tags":[]}
],"edges":[
{"source":"Home.md","target":"Queues.md","kind":"embed"},
{"source":"Home.md","target":"Queues.md","kind":"link"},
{"source":"Home.md","target":"Topics/Leader Election.md","kind":"link"},
{"source":"Queues.md","target":"Home.md","kind":"link"},
{"source":"Topics/Leader Election.md","target":"Queues.md","kind":"link"}
],"dangling":[
{"source":"Home.md","target":"Nowhere"}
]}
;
