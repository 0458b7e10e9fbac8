{
 "format": "dr-screen-signature",
 "key_id": "321b2b0609a849e5",
 "ed25519": "1JLBKbg3ERpO6K8tJI+sMlmuWA+N8DtUYEKXVEIosJRiVCdw/zOxPzK61U5gsVNkUcxEmqjQ4XCfNQFTxXKlAQ=="
}
