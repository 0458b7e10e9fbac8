{
 "format": "dr-screen-signature",
 "key_id": "db206ac483a462ba",
 "ed25519": "+ck/cRcXxW4ItmHEzQ9Q8jfvyEMFf6wPcyL35dgjYbPJcN7UNpKNGPWFWhnHDyjyMTSPJbgGfZMmTJuHcUIXAQ=="
}
