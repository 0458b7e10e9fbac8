{
 "format": "dr-screen-signature",
 "key_id": "321b2b0609a849e5",
 "ed25519": "Az691kslkC+DrCWkgxIIf5fsA63Vq9zfMf80L95j9wmOfaoOwViZVaayza8rXw249nOuQ0qv608q4UHXj75XAw=="
}
