{
 "format": "dr-screen-signature",
 "key_id": "db206ac483a462ba",
 "ed25519": "VkShXIXiQ45OHmpBy/4jDbRzHebNdHSd/1+B5bXk577YIiLqyB7CS2kWTa3nDWm6+rNPznh7QrhfpqDl9V+vAg=="
}
