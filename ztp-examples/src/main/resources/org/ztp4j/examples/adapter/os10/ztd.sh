#!/bin/bash
# ztp4j: OS10 ZTD provisioning script for {{hostname}}. ZTD downloads the files named
# below and applies them; the CLI batch file is this switch's reachability day-0, the
# post-ZTD script reports back to the server.
IMG_FILE=""
CLI_CONFIG_FILE="{{cli_url}}"
POST_SCRIPT_FILE="{{post_url}}"
sudo os10_ztd_start.sh "$IMG_FILE" "$CLI_CONFIG_FILE" "$POST_SCRIPT_FILE"
