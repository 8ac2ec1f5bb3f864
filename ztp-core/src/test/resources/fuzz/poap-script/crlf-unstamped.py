#!/bin/env python
import os

