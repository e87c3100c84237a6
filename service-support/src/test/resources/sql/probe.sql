select 1 as probe;
