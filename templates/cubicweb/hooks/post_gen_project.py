"""Remove the directories left empty by files whose options were not chosen."""

import os

for root, dirs, files in os.walk(".", topdown=False):
    if root != "." and not os.listdir(root):
        os.rmdir(root)
