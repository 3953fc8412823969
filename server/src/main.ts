#!/usr/bin/env node
/** Entry point of the standalone server: `transcript-language-server --stdio`. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
