#!/bin/bash
# ztp4j: post-ZTD script for {{hostname}}. ZTD runs it once the day-0 is applied; it tells
# the server so, with this switch's token as proof.
curl -s -f -m 30 -X POST \
  -H "Content-Type: application/json" \
  -H "ZTP4J-Device-Token: {{device_token}}" \
  --data '{"status":"success","message":"OS10 ZTD applied the day-0 of {{hostname}}"}' \
  "{{report_url}}"
