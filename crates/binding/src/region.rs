//! Float32 memory that a JavaScript caller lends to one call, and the aliasing check that turns
//! a set of such regions into Rust slices.

use std::marker::PhantomData;
use std::mem;
use std::ptr::NonNull;
use std::slice;

use crate::error::BindingError;

/// `len` float32 values at `ptr`, lent by the caller for the lifetime `'call`. Regions of one
/// call may overlap: [`borrow_regions`] checks that no output overlaps another region.
#[derive(Debug)]
pub struct Region<'call> {
    name: &'static str,
    ptr: NonNull<f32>,
    len: usize,
    lifetime: PhantomData<&'call mut [f32]>,
}

impl<'call> Region<'call> {
    /// Wraps `len` float32 values at `ptr`, named `name` in error messages. A null `ptr` is
    /// accepted only when `len` is 0, and a misaligned one is rejected.
    ///
    /// # Safety
    ///
    /// Unless `len` is 0, `ptr` must be valid for reads and writes of `len` `f32` values for
    /// all of `'call`. During `'call`, nothing may access that memory except through the
    /// slices that [`borrow_regions`] makes from regions of the same call.
    pub unsafe fn from_raw_parts(name: &'static str, ptr: *mut f32, len: usize) -> Result<Region<'call>, BindingError> {
        let ptr = if len == 0 {
            NonNull::dangling()
        } else {
            NonNull::new(ptr).ok_or_else(|| {
                BindingError::failure(format!("{} has {} elements but a null data pointer", name, len))
            })?
        };
        if ptr.as_ptr() as usize % mem::align_of::<f32>() != 0 {
            return Err(BindingError::range_error(format!(
                "{} starts at byte address {:#x}, which is not aligned to 4 bytes",
                name,
                ptr.as_ptr() as usize
            )));
        }
        Ok(Region { name, ptr, len, lifetime: PhantomData })
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Element count.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Shortens the region to the element count of a row-major array of shape `dims`, or
    /// rejects it when it is shorter than that or the count overflows.
    pub fn take(self, dims: &[usize]) -> Result<Region<'call>, BindingError> {
        let needed = dims.iter().try_fold(1usize, |count, &dim| count.checked_mul(dim));
        let needed = needed.ok_or_else(|| {
            BindingError::range_error(format!(
                "{} has shape {}, whose element count does not fit in memory",
                self.name,
                format_shape(dims)
            ))
        })?;
        if self.len < needed {
            return Err(BindingError::range_error(format!(
                "{} has {} elements but its shape {} needs {}",
                self.name,
                self.len,
                format_shape(dims),
                needed
            )));
        }
        Ok(Region { len: needed, ..self })
    }

    /// Returns whether both regions cover exactly the same elements, which is how an
    /// operation with an in-place form recognises that it was called in place.
    pub fn same_elements(&self, other: &Region<'_>) -> bool {
        self.ptr == other.ptr && self.len == other.len
    }

    /// Returns whether the two regions share at least one element.
    pub fn overlaps(&self, other: &Region<'_>) -> bool {
        if self.len == 0 || other.len == 0 {
            return false;
        }
        let (start, end) = self.address_range();
        let (other_start, other_end) = other.address_range();
        start < other_end && other_start < end
    }

    /// Byte addresses [start, end) of the elements. Cannot overflow: the caller of
    /// `from_raw_parts` guarantees that the elements are valid memory.
    fn address_range(&self) -> (usize, usize) {
        let start = self.ptr.as_ptr() as usize;
        (start, start + self.len * mem::size_of::<f32>())
    }
}

/// Formats a shape as `[2, 3]`.
fn format_shape(dims: &[usize]) -> String {
    let parts: Vec<String> = dims.iter().map(|dim| dim.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

/// Slices made by [`borrow_regions`]: `R` inputs, `W` outputs and `O` optional outputs.
pub struct Borrowed<'call, const R: usize, const W: usize, const O: usize> {
    pub reads: [&'call [f32]; R],
    pub writes: [&'call mut [f32]; W],
    pub optional: [Option<&'call mut [f32]>; O],
}

/// Turns regions into slices after checking that every output (`writes` and the present
/// `optional` ones) is disjoint from every other region. Inputs may overlap each other,
/// e.g. A and B of a matrix product may be the same array.
pub fn borrow_regions<'call, const R: usize, const W: usize, const O: usize>(
    reads: [Region<'call>; R],
    writes: [Region<'call>; W],
    optional: [Option<Region<'call>>; O],
) -> Result<Borrowed<'call, R, W, O>, BindingError> {
    let outputs: Vec<&Region<'call>> = writes.iter().chain(optional.iter().flatten()).collect();
    for (index, output) in outputs.iter().enumerate() {
        let others = outputs[index + 1..].iter().copied().chain(reads.iter());
        for other in others {
            if output.overlaps(other) {
                return Err(overlap_error(output, other));
            }
        }
    }

    // SAFETY: `from_raw_parts` guarantees that each region is valid for `'call` and that only
    // slices made here access it. The loop above checked that each output region is disjoint
    // from every other region, so each `&mut` slice aliases nothing, and the shared slices
    // alias only each other.
    let reads = reads.map(|region| unsafe { slice::from_raw_parts(region.ptr.as_ptr() as *const f32, region.len) });
    // SAFETY: as above.
    let writes = writes.map(|region| unsafe { slice::from_raw_parts_mut(region.ptr.as_ptr(), region.len) });
    // SAFETY: as above.
    let optional = optional.map(|slot| slot.map(|region| unsafe { slice::from_raw_parts_mut(region.ptr.as_ptr(), region.len) }));
    Ok(Borrowed { reads, writes, optional })
}

fn overlap_error(output: &Region<'_>, other: &Region<'_>) -> BindingError {
    BindingError::range_error(format!(
        "{} ({} elements) shares memory with {} ({} elements), but {} is written while {} is \
         used; pass separate buffers",
        output.name, output.len, other.name, other.len, output.name, other.name
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region<'a>(name: &'static str, data: &'a mut [f32], start: usize, len: usize) -> Region<'a> {
        assert!(start + len <= data.len());
        // SAFETY: the range lies inside `data`, which the test borrows mutably for `'a`.
        unsafe { Region::from_raw_parts(name, data.as_mut_ptr().add(start), len).unwrap() }
    }

    #[test]
    fn take_checks_length() {
        let mut data = [0.0f32; 6];
        let short = region("A", &mut data, 0, 5);
        let error = short.take(&[2, 3]).unwrap_err();
        assert_eq!(error.message, "A has 5 elements but its shape [2, 3] needs 6");
    }

    #[test]
    fn take_rejects_overflow() {
        let mut data = [0.0f32; 1];
        let error = region("A", &mut data, 0, 1).take(&[usize::MAX, 2]).unwrap_err();
        assert!(error.message.contains("does not fit"), "{}", error.message);
    }

    #[test]
    fn disjoint_halves_borrow() {
        let mut data = [1.0f32, 2.0, 3.0, 4.0];
        let base = data.as_mut_ptr();
        // SAFETY: both halves lie inside `data`, which is not used again until the slices end.
        let (x, y) = unsafe {
            (
                Region::from_raw_parts("x", base, 2).unwrap(),
                Region::from_raw_parts("y", base.add(2), 2).unwrap(),
            )
        };
        let borrowed = borrow_regions([x], [y], []).unwrap();
        let Borrowed { reads: [x], writes: [y], .. } = borrowed;
        y[0] = x[1];
        assert_eq!(data, [1.0, 2.0, 2.0, 4.0]);
    }

    #[test]
    fn overlapping_output_is_rejected() {
        let mut data = [0.0f32; 4];
        let base = data.as_mut_ptr();
        // SAFETY: both regions lie inside `data`, and `borrow_regions` rejects them.
        let (x, y) = unsafe {
            (
                Region::from_raw_parts("x", base, 3).unwrap(),
                Region::from_raw_parts("y", base.add(2), 2).unwrap(),
            )
        };
        let error = borrow_regions([x], [y], []).err().unwrap();
        assert!(error.message.starts_with("y (2 elements) shares memory with x"), "{}", error.message);
    }

    #[test]
    fn empty_regions_never_overlap() {
        let mut data = [0.0f32; 2];
        let base = data.as_mut_ptr();
        // SAFETY: both regions lie inside `data`.
        let (x, y) = unsafe {
            (
                Region::from_raw_parts("x", base, 2).unwrap(),
                Region::from_raw_parts("y", base, 0).unwrap(),
            )
        };
        assert!(!y.overlaps(&x));
        assert!(borrow_regions([x], [y], []).is_ok());
    }
}
