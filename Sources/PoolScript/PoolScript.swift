// PoolScript module.
