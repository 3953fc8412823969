#!/usr/bin/env node
/** Entry point of the Node server: `transcript-language-server --stdio` (or IPC from VS Code). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeFiles } from './files/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all), { fallbackFiles: nodeFiles });
