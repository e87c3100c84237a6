package com.multistore.elt.loader.service;

/** What reading a raw record gives: a record to stage, or a rejection for the dead-letter topic. */
public sealed interface ReadRecord permits StageableRecord, Rejection {
}
