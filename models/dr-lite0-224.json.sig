{
 "format": "dr-screen-signature",
 "key_id": "db206ac483a462ba",
 "ed25519": "yEpVpSWnwJuNnOQYO/rTv798BM+i5jGMcggOhoOGzNpQMuMWKxVDMxwrtbupR31XAil8CnBAg3/1bFnd5NZRBg=="
}
