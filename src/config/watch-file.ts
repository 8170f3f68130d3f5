/** The watch file the user named (`--watchlist`): read bounded, parsed, its key derived. Errors name the file, never an entry. */
import { ConfigError } from './yaml-source.js';
import { parseWatchList, WatchList, WatchListError } from '../filters/watchlist.js';
import { readUserFile, UserFileError } from '../sources/user-file.js';

export function readWatchList(path: string, shown: string, passphrase: string | undefined): WatchList {
  try {
    return new WatchList(parseWatchList(readUserFile(path, 'watchlist').toString('utf8')), passphrase || undefined);
  } catch (e) {
    if (e instanceof UserFileError || e instanceof WatchListError) throw new ConfigError(shown, 0, '', `cannot use this watch list: ${e.message}`);
    throw e;
  }
}
