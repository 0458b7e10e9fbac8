{
 "format": "dr-screen-signature",
 "key_id": "db206ac483a462ba",
 "ed25519": "T0jQOJRHerFP70PPMda0jDXzpB8igJZ1LEyhbZfZ+lihYV4mPnvFn/zMm2wtAz5zymp8Ubj/dyz1OUCHujmQBA=="
}
