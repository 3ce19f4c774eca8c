#!/usr/bin/env node
// Shim: the compiled CLI lives in dist/src (npm run build -w @berth/db).
import '../dist/src/cli.js';
