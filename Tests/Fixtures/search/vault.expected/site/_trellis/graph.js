window.TRELLIS_GRAPH = {"nodes":[
{"id":"Caching.md","title":"Caching","url":"caching.html","tags":["storage","performance"]},
{"id":"Café Culture.md","title":"Café Culture","url":"café-culture.html","tags":[]},
{"id":"Consensus.md","title":"Consensus","url":"consensus.html","tags":["distributed"]},
{"id":"Databases/Replication.md","title":"Replication","url":"databases/replication.html","tags":["storage","databases"]},
{"id":"Glossary.md","title":"Glossary","url":"glossary.html","tags":[]},
{"id":"HTTP Status Codes.md","title":"HTTP Status Codes","url":"http-status-codes.html","tags":[]},
{"id":"Home.md","title":"Home","url":"index.html","tags":[]},
{"id":"Japanese/東京.md","title":"東京","url":"japanese/東京.html","tags":["日本"]},
{"id":"Networking/Load Balancers.md","title":"Load Balancers","url":"networking/load-balancers.html","tags":["networking","networking/layer-7"]},
{"id":"Notes on Queues.md","title":"Notes on Queues","url":"notes-on-queues.html","tags":[]},
{"id":"Twins/Deeper/Zebra.md","title":"Zebra","url":"twins/deeper/zebra.html","tags":[]},
{"id":"Twins/Zebra.md","title":"Zebra","url":"twins/zebra.html","tags":[]}
],"edges":[
{"source":"Home.md","target":"Caching.md","kind":"link"},
{"source":"Home.md","target":"Databases/Replication.md","kind":"link"}
],"dangling":[

]}
;
