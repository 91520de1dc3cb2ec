package io.github.ocservnat.nft.backend;

/**
 * What a successful nft run printed.
 *
 * @param output what nft printed on its output stream, such as a listing; empty for most changes
 * @param messages what nft printed on its error stream although it succeeded, such as warnings,
 *     including anything libnftables wrote straight to the process's stderr; usually empty
 */
public record NftOutput(String output, String messages) {}
