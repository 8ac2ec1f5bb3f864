#!/bin/env python
#md5sum="00000000000000000000000000000000"
import os
print("hello")
