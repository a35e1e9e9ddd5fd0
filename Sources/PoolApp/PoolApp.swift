// PoolApp module.
