{
 "format": "dr-screen-signature",
 "key_id": "db206ac483a462ba",
 "ed25519": "/zFAY9757pINGwJkarFbC4kuL6xhWjwrN5aeGtdHu3NQgvcFZe33gWPgwIT6tEBh1MCwRNxywD/Ylh1D8i6GDA=="
}
